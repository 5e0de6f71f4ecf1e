export { InsufficientHistoryError } from './insufficient-history-error';
export { MissingFutureCovariateError } from './missing-future-covariate-error';
