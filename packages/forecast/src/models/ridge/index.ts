export type { CovariateTransform, RidgeLayout } from './ridge-design';
export { RidgeForecaster, type RidgeOptions, type RidgeState } from './ridge-forecaster';
