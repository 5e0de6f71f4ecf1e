export {
  DemandForecaster,
  type DemandForecasterOptions,
  type DemandForecasterState,
  type DemandPredictOptions,
} from './demand-forecaster';
