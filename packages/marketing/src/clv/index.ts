export {
  type BgNbdParameters,
  bgNbdConditionalExpectedPurchases,
  bgNbdCumulativeExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodGradient,
  bgNbdProbabilityAlive,
  bgNbdTotalLogLikelihood,
} from './bg-nbd';
export { bgNbdAliveExpectation, bgNbdLogDropoutOdds } from './bg-nbd-expectation';
export {
  BgNbdModel,
  type BgNbdOptions,
  type BgNbdState,
  type RepeatPurchasePrediction,
} from './bg-nbd-model';
export { dayNumberToIso, toDayNumber } from './calendar-day';
export { fitMaximumLikelihood, type MleOptions, type MleResult } from './fit-mle';
export { bgNbdFitWarnings, gammaGammaFitWarnings, paretoNbdFitWarnings } from './fit-warnings';
export {
  type GammaGammaParameters,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodGradient,
  gammaGammaTotalLogLikelihood,
  prepareSpendData,
  type SpendData,
  type SpendRow,
} from './gamma-gamma';
export { GammaGammaModel, type GammaGammaOptions, type GammaGammaState } from './gamma-gamma-model';
export { customerLifetimeValue, type LifetimeValueOptions } from './lifetime-value';
export type { RepeatPurchaseModel, TransactionModelFit } from './model-state';
export {
  type ParetoNbdParameters,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdCumulativeExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdLogA0,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  paretoNbdTotalLogLikelihood,
} from './pareto-nbd';
export { paretoNbdLogLikelihoodGradient } from './pareto-nbd-gradient';
export { ParetoNbdModel, type ParetoNbdOptions, type ParetoNbdState } from './pareto-nbd-model';
export { type CompressedRfm, compressRfm, type RfmRow, validateRfm } from './rfm-data';
export { type SimulateRfmOptions, simulateBgNbd, simulateParetoNbd } from './simulate';
export {
  type CalibrationHoldoutOptions,
  type CalibrationHoldoutSummary,
  type CustomerSummary,
  calibrationHoldoutSummary,
  type PurchaseRecord,
} from './transactions-summary';
