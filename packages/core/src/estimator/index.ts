export { BaseEstimator, type Estimator } from './estimator';
export { type ModelJson, parseModelJson } from './model-json';
