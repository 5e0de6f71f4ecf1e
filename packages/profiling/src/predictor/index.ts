export { activityFeatureNames, activityRow, withActivityColumns } from './activity-features';
export { chooseLogisticC, LOGISTIC_C_GRID, logisticBaseline, mostFrequentCategory } from './baselines';
export { BLEND_WEIGHTS, type BlendChoice, blendedRanking, chooseBlendWeight } from './category-blend';
export { type CategoryHistory, HISTORY_WIDTH, historyFrequencies } from './category-history';
export {
  applyDenseTransform,
  DEFAULT_DENSE_FEATURES,
  type DenseTransform,
  fitDenseTransform,
} from './dense-features';
export {
  type PurchaseFitData,
  type PurchasePrediction,
  PurchasePredictor,
  type PurchasePredictorOptions,
  type PurchasePredictorState,
} from './purchase-predictor';
export { buildPurchaseSamples, type PurchaseSamples, type SampleOptions } from './purchase-samples';
export { concatRows, selectSamples } from './sample-rows';
export { sizeBucket, stepStarts, timeBucket } from './sample-sequence';
export type { TrainOptions, TrainReport } from './train-transformer';
export {
  buildTransformer,
  TRANSFORMER_INPUTS,
  type TransformerArchitecture,
  type TransformerShape,
} from './transformer-model';
export {
  buildVocabulary,
  OOV_ID,
  PAD_ID,
  type SequenceVocabulary,
  type VocabularyOptions,
} from './vocabulary';
