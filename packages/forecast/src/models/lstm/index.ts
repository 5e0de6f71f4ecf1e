export type { LstmLayout, Standardiser } from './lstm-features';
export {
  LstmAttentionForecaster,
  type LstmAttentionOptions,
  type LstmAttentionState,
} from './lstm-forecaster';
export type { InferenceEngine } from './lstm-inference';
/** Network inputs of every forecast origin of a panel (batch inference, benchmarks). */
export { trainingSamples as lstmSamples } from './lstm-prepare';
export type { SampleArrays } from './lstm-samples';
export type { TrainReport } from './lstm-train';
export {
  LstmWithFallbackForecaster,
  type LstmWithFallbackOptions,
  type LstmWithFallbackState,
} from './lstm-with-fallback';
