export { type ClassConditionalOptions, classConditionalForecaster } from './class-forecaster';
export { type ConformalSumPolicyOptions, conformalSumPolicy } from './conformal-sum-policy';
export { parseDemandCsv } from './demand-matrix';
export { inSampleScale, scaledCumulativeError, scaledPeriodsInStock } from './forecast-metrics';
export { type GlobalQuantilePolicyOptions, globalQuantilePolicy } from './global-quantile-policy';
export type { SimulationKpis } from './kpis';
export { type LognormalClassOptions, lognormalClassForecaster } from './lognormal-forecaster';
export {
  type ForecastQuantilePolicyOptions,
  fixedLevelsPolicy,
  forecastQuantilePolicy,
  type NormalPolicyOptions,
  normalPolicy,
  type RQPolicyOptions,
  type RuleOfThumbSimulationOptions,
  rollingMoments,
  rqPolicy,
  ruleOfThumbPolicy,
} from './policies';
export {
  type RollingEmpiricalOptions,
  rollingEmpiricalForecaster,
  sortedSampleLoss,
  sortedSampleQuantile,
  type WindowForecast,
  type WindowForecaster,
} from './rolling-forecaster';
export {
  type DemandMatrix,
  type PerSku,
  type SimulationOptions,
  type SimulationResult,
  simulateInventory,
} from './simulate';
export type { PlanContext, SimulationPolicy } from './types';
