import {
  BEHAVIOR_TYPES,
  LastTimestep,
  MaskedMeanPooling,
  MultiHeadSelfAttention,
  PaddingMask,
  SinusoidalPositionalEncoding,
} from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { PurchaseSamples } from './purchase-samples';
import type { SequenceVocabulary } from './vocabulary';

/** Sizes the network is built for (from the data and vocabularies). */
export interface TransformerShape {
  maxLength: number;
  typeVocab: number;
  itemVocab: number;
  categoryVocab: number;
  timeVocab: number;
  /** Size-bucket vocabulary (17: padding + buckets 1..16). */
  sizeVocab: number;
  contextWidth: number;
  denseWidth: number;
}

/**
 * The shape for `samples` and their `vocabulary`: behaviour types + padding, items and categories
 * + padding and out-of-vocabulary, 17 size buckets, and every dense column of the samples.
 */
export function transformerShapeFor(
  samples: PurchaseSamples,
  vocabulary: SequenceVocabulary,
): TransformerShape {
  return {
    maxLength: samples.maxLength,
    typeVocab: BEHAVIOR_TYPES.length + 1,
    itemVocab: vocabulary.items.length + 2,
    categoryVocab: vocabulary.categories.length + 2,
    timeVocab: samples.timeVocab,
    sizeVocab: 17,
    contextWidth: samples.contextWidth,
    denseWidth: samples.denseNames.length,
  };
}

export interface TransformerArchitecture {
  /** Embedding and model width. Default 32. */
  dim?: number;
  /** Attention heads. Default 2. */
  heads?: number;
  /** Self-attention blocks. Default 2. */
  blocks?: number;
  /** Hidden width of each block's feed-forward layer. Default 2 x dim. */
  ffnDim?: number;
  /** Dropout rate after attention and feed-forward layers. Default 0.1. */
  dropout?: number;
  /** Keep the wide (linear) paths of the buy logit fixed during training. Default false. */
  freezeWide?: boolean;
  /**
   * Hidden units of a deep MLP path from the context and aggregate inputs to the buy logit (one
   * ReLU layer, output weights starting at zero, so the untrained path adds nothing); it lets the
   * buy head use interactions of the aggregates (frequency x recency, recency against the own
   * purchase gap) that the linear paths cannot. 0 = no such path. Default 0.
   */
  mlpUnits?: number;
}

/** The input names, in the order `predict` feeds them. */
export const TRANSFORMER_INPUTS = [
  'types',
  'items',
  'categories',
  'gaps',
  'ages',
  'sizes',
  'context',
  'dense',
] as const;

type Sym = tfl.SymbolicTensor;

interface NormWeights {
  gamma: { read(): tf.Tensor };
  beta: { read(): tf.Tensor };
  epsilon: number;
}

/**
 * tfjs-layers' LayerNormalization (same class name, config and weights, so it exports to ONNX's
 * LayerNormalization) with a faster `call`: broadcasting instead of tfjs's tiling workaround,
 * which is ~30x slower on the wasm backend. Normalises over the last axis.
 */
function layerNorm(name: string): tfl.layers.Layer {
  const layer = tfl.layers.layerNormalization({ name, epsilon: 1e-3 });
  const weights = layer as unknown as NormWeights;
  layer.call = (inputs: tf.Tensor | tf.Tensor[]) =>
    tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const { mean, variance } = tf.moments(x, -1, true);
      const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, weights.epsilon)));
      return tf.add(tf.mul(normalised, weights.gamma.read()), weights.beta.read());
    });
  return layer;
}

function apply(layer: tfl.layers.Layer, input: Sym | Sym[]): Sym {
  return layer.apply(input) as Sym;
}

/** Per-step scalar weights (1-dim embedding, zero start) of a bucket input. */
function stepWeights(input: Sym, vocab: number, name: string, trainable: boolean): Sym {
  return apply(
    tfl.layers.embedding({ inputDim: vocab, outputDim: 1, embeddingsInitializer: 'zeros', name, trainable }),
    input,
  );
}

/**
 * The sequence's linear ("wide") buy logit: the mean over the `maxLength` slots of a weight per
 * age bucket plus a weight per size bucket, i.e. a linear function of the shares of the slots in
 * each age / size bucket (padding is bucket 0), like a logistic model on those histograms.
 */
function sequenceWideLogit(
  inputs: { ages: Sym; sizes: Sym },
  shape: TransformerShape,
  trainable: boolean,
): Sym {
  const perStep = apply(tfl.layers.add({ name: 'sequence_wide_steps' }), [
    stepWeights(inputs.ages, shape.timeVocab, 'age_wide', trainable),
    stepWeights(inputs.sizes, shape.sizeVocab, 'size_wide', trainable),
  ]);
  return apply(tfl.layers.globalAveragePooling1d({ name: 'buy_sequence_wide' }), perStep);
}

/**
 * The deep MLP path's buy logit: ReLU layer over [context, aggregates], then a linear unit whose
 * weights start at zero (seeded apart from the other layers, so adding the path leaves their start
 * unchanged).
 */
function mlpLogit(inputs: { context: Sym; dense: Sym }, units: number, seed: number): Sym {
  const joined = apply(tfl.layers.concatenate({ name: 'mlp_inputs' }), [inputs.context, inputs.dense]);
  const hidden = apply(
    tfl.layers.dense({
      units,
      activation: 'relu',
      kernelInitializer: tfl.initializers.heNormal({ seed: seed + 100_003 }),
      name: 'mlp_hidden',
    }),
    joined,
  );
  return apply(tfl.layers.dense({ units: 1, kernelInitializer: 'zeros', name: 'buy_mlp' }), hidden);
}

/**
 * Builds the two-headed Transformer (functional tfjs-layers model): the sum of embeddings of event
 * type, item, category, gap, age and size buckets plus sinusoidal positions; `blocks` post-norm blocks of
 * multi-head self-attention (padding-masked) and a feed-forward layer; masked mean pooling and the
 * last event, concatenated with context and aggregate features; then `buy` (sigmoid of a deep
 * logit plus linear "wide" logits of the aggregate features and of the age / size bucket shares of
 * the sequence, plus the optional MLP path over context and aggregates) and `category` (softmax) heads.
 */
export function buildTransformer(
  shape: TransformerShape,
  architecture: TransformerArchitecture = {},
  seed = 0,
): tfl.LayersModel {
  const dim = architecture.dim ?? 32;
  const dropout = architecture.dropout ?? 0.1;
  const L = shape.maxLength;
  let nextSeed = seed;
  const init = () => tfl.initializers.glorotUniform({ seed: nextSeed++ });
  const sequence = (name: string) => tfl.input({ shape: [L], dtype: 'int32', name });
  const inputs = {
    types: sequence('types'),
    items: sequence('items'),
    categories: sequence('categories'),
    gaps: sequence('gaps'),
    ages: sequence('ages'),
    sizes: sequence('sizes'),
    context: tfl.input({ shape: [shape.contextWidth], name: 'context' }),
    dense: tfl.input({ shape: [shape.denseWidth], name: 'dense' }),
  };
  const embed = (input: Sym, vocab: number, name: string) =>
    apply(
      tfl.layers.embedding({
        inputDim: vocab,
        outputDim: dim,
        name: `${name}_embedding`,
        embeddingsInitializer: tfl.initializers.randomUniform({
          minval: -0.05,
          maxval: 0.05,
          seed: nextSeed++,
        }),
      }),
      input,
    );
  let x = apply(tfl.layers.add({ name: 'embedding_sum' }), [
    embed(inputs.types, shape.typeVocab, 'type'),
    embed(inputs.items, shape.itemVocab, 'item'),
    embed(inputs.categories, shape.categoryVocab, 'category'),
    embed(inputs.gaps, shape.timeVocab, 'gap'),
    embed(inputs.ages, shape.timeVocab, 'age'),
    embed(inputs.sizes, shape.sizeVocab, 'size'),
  ]);
  x = apply(new SinusoidalPositionalEncoding({ maxLength: L, name: 'positions' }), x);
  const mask = apply(new PaddingMask({ name: 'padding_mask' }), inputs.types);
  for (let b = 0; b < (architecture.blocks ?? 2); b++) {
    const attention = apply(
      new MultiHeadSelfAttention({
        numHeads: architecture.heads ?? 2,
        seed: nextSeed++,
        name: `attention_${b}`,
      }),
      [x, mask],
    );
    x = apply(
      layerNorm(`attention_norm_${b}`),
      apply(tfl.layers.add(), [x, apply(tfl.layers.dropout({ rate: dropout, seed: nextSeed++ }), attention)]),
    );
    const hidden = apply(
      tfl.layers.dense({
        units: architecture.ffnDim ?? 2 * dim,
        activation: 'relu',
        kernelInitializer: init(),
        name: `ffn_${b}_hidden`,
      }),
      x,
    );
    const ffn = apply(
      tfl.layers.dense({ units: dim, kernelInitializer: init(), name: `ffn_${b}_out` }),
      hidden,
    );
    x = apply(
      layerNorm(`ffn_norm_${b}`),
      apply(tfl.layers.add(), [x, apply(tfl.layers.dropout({ rate: dropout, seed: nextSeed++ }), ffn)]),
    );
  }
  const pooled = apply(new MaskedMeanPooling({ name: 'mean_pool' }), [x, mask]);
  const last = apply(new LastTimestep({ name: 'last_event' }), x);
  const joined = apply(tfl.layers.concatenate({ name: 'joined' }), [
    pooled,
    last,
    inputs.context,
    inputs.dense,
  ]);
  const hidden = apply(
    tfl.layers.dense({ units: 2 * dim, activation: 'relu', kernelInitializer: init(), name: 'head_hidden' }),
    joined,
  );
  // wide & deep: a linear path from the aggregate features straight to the buy logit, so the model
  // contains the logistic baseline and the sequence part only has to add to it
  const deepLogit = apply(
    tfl.layers.dense({ units: 1, kernelInitializer: init(), name: 'buy_deep' }),
    hidden,
  );
  const wideLogit = apply(
    tfl.layers.dense({
      units: 1,
      kernelInitializer: init(),
      name: 'buy_wide',
      trainable: !architecture.freezeWide,
    }),
    inputs.dense,
  );
  const logits = [deepLogit, wideLogit, sequenceWideLogit(inputs, shape, !architecture.freezeWide)];
  if ((architecture.mlpUnits ?? 0) > 0) logits.push(mlpLogit(inputs, architecture.mlpUnits ?? 0, seed));
  const buy = apply(
    tfl.layers.activation({ activation: 'sigmoid', name: 'buy' }),
    apply(tfl.layers.add({ name: 'buy_logit' }), logits),
  );
  const category = apply(
    tfl.layers.dense({
      units: shape.categoryVocab,
      activation: 'softmax',
      kernelInitializer: init(),
      name: 'category',
    }),
    hidden,
  );
  return tfl.model({
    inputs: TRANSFORMER_INPUTS.map((name) => inputs[name]),
    outputs: [buy, category],
    name: 'purchase_transformer',
  });
}
