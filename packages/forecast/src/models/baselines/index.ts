export { CrostonForecaster, type CrostonMethod, type CrostonOptions, crostonComponents } from './croston';
export { MovingAverageForecaster, type MovingAverageOptions } from './moving-average';
export { NaiveForecaster, type NaiveOptions } from './naive';
export { SeasonalNaiveForecaster, type SeasonalNaiveOptions } from './seasonal-naive';
export { ThetaForecaster, type ThetaOptions, type ThetaParams } from './theta';
