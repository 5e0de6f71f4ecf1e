export type { LstmLayout, Standardiser } from './lstm-features';
export {
  LstmAttentionForecaster,
  type LstmAttentionOptions,
  type LstmAttentionState,
} from './lstm-forecaster';
export type { InferenceEngine } from './lstm-inference';
export type { TrainReport } from './lstm-train';
export {
  LstmWithFallbackForecaster,
  type LstmWithFallbackOptions,
  type LstmWithFallbackState,
} from './lstm-with-fallback';
