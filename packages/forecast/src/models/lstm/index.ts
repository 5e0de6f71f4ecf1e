export {
  applyTransform as applyLstmTransform,
  type LstmLayout,
  type Standardiser,
  standardiser as lstmStandardiser,
} from './lstm-features';
export {
  LstmAttentionForecaster,
  type LstmAttentionOptions,
  type LstmAttentionState,
} from './lstm-forecaster';
export type { InferenceEngine } from './lstm-inference';
/** The LSTM+Attention network builder (federated training builds the very same network). */
export { buildNetwork as buildLstmNetwork, type NetworkSize as LstmNetworkSize } from './lstm-network';
/** Input layout and standardisers of a panel (`makeLstmLayout`), and the samples of every forecast origin. */
/** Network inputs of every forecast origin of a panel (batch inference, benchmarks). */
export {
  type LayoutOptions as LstmLayoutOptions,
  makeLstmLayout,
  trainingSamples as lstmSamples,
} from './lstm-prepare';
export type { SampleArrays } from './lstm-samples';
/** Training pieces: the masked pinball loss, batches of samples, one training epoch (shared with federated), forecast's own training loop. */
export {
  type EpochOptions as LstmEpochOptions,
  evaluateLoss as lstmEvaluateLoss,
  gatherBatch as lstmGatherBatch,
  pinballLoss as lstmPinballLoss,
  type TrainOptions as LstmTrainOptions,
  type TrainReport,
  trainEpoch as trainLstmEpoch,
  trainNetwork as trainLstmNetwork,
} from './lstm-train';
export { encodeWeights as encodeLstmWeights, type StoredWeight } from './lstm-weights';
export {
  LstmWithFallbackForecaster,
  type LstmWithFallbackOptions,
  type LstmWithFallbackState,
} from './lstm-with-fallback';
