export * from './baselines/index';
export { type ClassicalDecomposition, classicalDecomposition, interpolateMissing } from './decompose';
export * from './ets/index';
export * from './lstm/index';
export { applyNonnegative } from './nonnegative';
export { normalCdf, normalQuantile } from './normal';
export { checkLevels, quantileValues, sortBands } from './quantiles';
export { canonicalModelName, createForecaster, MODEL_NAMES, type ModelContext } from './registry';
export {
  fitResidualQuantiles,
  type ResidualQuantiles,
  residualQuantile,
  seriesScale,
} from './residual-quantiles';
export * from './ridge/index';
export { type SeriesTail, seriesOfTail, tailOf } from './series-tail';
export { SHORT_SERIES_MODEL, type ShortSeriesPolicy, shortSeriesForecast } from './short-series';
export {
  DEFAULT_LEVELS,
  type Forecaster,
  type ForecastResult,
  type PredictOptions,
  type QuantileBand,
  type QuantileForecast,
} from './types';
export {
  type SeriesContext,
  type SeriesForecast,
  UnivariateForecaster,
  type UnivariateOptions,
  type UnivariateState,
} from './univariate-forecaster';
