export { allowedPairs, maskedSoftmax } from './attention-math';
export { type BaseLayerArgs, LAYER_PREFIX, type LayerShape, MASK_FILL } from './layer-base';
export { MultiHeadSelfAttention, type MultiHeadSelfAttentionArgs } from './multi-head-self-attention';
export {
  LearnedPositionalEmbedding,
  type PositionalEncodingArgs,
  SinusoidalPositionalEncoding,
  sinusoidalTable,
} from './positional-encoding';
export {
  DotProductScores,
  LastTimestep,
  MaskedMeanPooling,
  PaddingMask,
  type PaddingMaskArgs,
} from './sequence-layers';
export { type AttentionScore, TemporalAttention, type TemporalAttentionArgs } from './temporal-attention';
