export { logisticBaseline, mostFrequentCategory } from './baselines';
export {
  applyDenseTransform,
  DEFAULT_DENSE_FEATURES,
  type DenseTransform,
  fitDenseTransform,
} from './dense-features';
export {
  concatRows,
  type PurchaseFitData,
  type PurchasePrediction,
  PurchasePredictor,
  type PurchasePredictorOptions,
  type PurchasePredictorState,
} from './purchase-predictor';
export {
  buildPurchaseSamples,
  type PurchaseSamples,
  type SampleOptions,
  selectSamples,
  timeBucket,
} from './purchase-samples';
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
