import { floatAttr } from '../graph-builder';
import { applyActivation } from './activation-of';
import type { LayerConverter } from './context';
import { hint, unsupported, weightInit, weightOf } from './context';

const identity: LayerConverter = (c) => [c.inputs[0].name];

/** Dense: `MatMul(x, kernel) + bias`, then the activation (any input rank ≥ 2). */
const dense: LayerConverter = (c) => {
  const b = c.builder;
  let y = b.op('MatMul', [c.inputs[0].name, weightInit(c, 'kernel')], {}, hint(c, 'matmul'));
  if (c.config.useBias !== false) y = b.op('Add', [y, weightInit(c, 'bias')], {}, hint(c, 'bias'));
  return [applyActivation(c, y)];
};

const activation: LayerConverter = (c) => [applyActivation(c, c.inputs[0].name)];

const relu: LayerConverter = (c) => {
  const max = c.config.maxValue as number | null | undefined;
  if (max == null) return [c.builder.op('Relu', [c.inputs[0].name], {}, hint(c, 'relu'))];
  return [
    c.builder.op(
      'Clip',
      [c.inputs[0].name, c.builder.floats([0]), c.builder.floats([max])],
      {},
      hint(c, 'relu'),
    ),
  ];
};

const leakyRelu: LayerConverter = (c) => [
  c.builder.op(
    'LeakyRelu',
    [c.inputs[0].name],
    { alpha: floatAttr(Number(c.config.alpha ?? 0.3)) },
    hint(c, 'leaky'),
  ),
];

const elu: LayerConverter = (c) => [
  c.builder.op('Elu', [c.inputs[0].name], { alpha: floatAttr(Number(c.config.alpha ?? 1)) }, hint(c, 'elu')),
];

const softmax: LayerConverter = (c) => {
  const axis = c.config.axis as number | number[] | undefined;
  const single = Array.isArray(axis) ? (axis.length === 1 ? axis[0] : undefined) : (axis ?? -1);
  if (single === undefined) unsupported(c, 'softmax over several axes');
  return [c.builder.op('Softmax', [c.inputs[0].name], { axis: single }, hint(c, 'softmax'))];
};

const flatten: LayerConverter = (c) => [
  c.builder.op('Flatten', [c.inputs[0].name], { axis: 1 }, hint(c, 'flatten')),
];

const reshape: LayerConverter = (c) => {
  const target = c.config.targetShape as number[];
  return [
    c.builder.op('Reshape', [c.inputs[0].name, c.builder.int64s([0, ...target])], {}, hint(c, 'reshape')),
  ];
};

const permute: LayerConverter = (c) => {
  const dims = c.config.dims as number[];
  return [c.builder.op('Transpose', [c.inputs[0].name], { perm: [0, ...dims] }, hint(c, 'permute'))];
};

const repeatVector: LayerConverter = (c) => {
  const n = c.config.n as number;
  const b = c.builder;
  const expanded = b.op('Unsqueeze', [c.inputs[0].name, b.int64s([1])], {}, hint(c, 'unsqueeze'));
  return [b.op('Tile', [expanded, b.int64s([1, n, 1])], {}, hint(c, 'tile'))];
};

/** LayerNormalization over trailing axes: the native opset-17 operator. */
const layerNormalization: LayerConverter = (c) => {
  const rank = c.inputs[0].shape.length;
  const axes = ([] as number[]).concat(c.config.axis as number | number[]).map((a) => (a < 0 ? a + rank : a));
  axes.sort((x, y) => x - y);
  if (axes.some((a, i) => a !== rank - axes.length + i))
    unsupported(c, `normalisation axes ${axes} are not trailing`);
  const shape = axes.map((a) => c.inputs[0].shape[a] as number);
  const size = shape.reduce((p, q) => p * q, 1);
  const b = c.builder;
  const gamma =
    c.config.scale === false
      ? b.weight(hint(c, 'ones'), new Float32Array(size).fill(1), shape)
      : weightInit(c, 'gamma');
  const beta =
    c.config.center === false
      ? b.weight(hint(c, 'zeros'), new Float32Array(size), shape)
      : weightInit(c, 'beta');
  const epsilon = Number(c.config.epsilon ?? 1e-3);
  return [
    b.op(
      'LayerNormalization',
      [c.inputs[0].name, gamma, beta],
      { axis: axes[0], epsilon: floatAttr(epsilon) },
      hint(c, 'layernorm'),
    ),
  ];
};

/** BatchNormalization at inference over the last axis: `x · scale + shift` with folded statistics. */
const batchNormalization: LayerConverter = (c) => {
  const rank = c.inputs[0].shape.length;
  const axis = Number(c.config.axis ?? -1);
  if (axis !== -1 && axis !== rank - 1)
    unsupported(c, `batch normalisation over axis ${axis} (only the last axis)`);
  const mean = weightOf(c, 'moving_mean').data;
  const variance = weightOf(c, 'moving_variance').data;
  const gamma = c.config.scale === false ? undefined : weightOf(c, 'gamma').data;
  const beta = c.config.center === false ? undefined : weightOf(c, 'beta').data;
  const epsilon = Number(c.config.epsilon ?? 1e-3);
  const scale = new Float32Array(mean.length);
  const shift = new Float32Array(mean.length);
  for (let i = 0; i < mean.length; i++) {
    scale[i] = (gamma?.[i] ?? 1) / Math.sqrt(variance[i] + epsilon);
    shift[i] = (beta?.[i] ?? 0) - mean[i] * scale[i];
  }
  const b = c.builder;
  const scaled = b.op(
    'Mul',
    [c.inputs[0].name, b.weight(hint(c, 'scale'), scale, [mean.length])],
    {},
    hint(c, 'scale'),
  );
  return [b.op('Add', [scaled, b.weight(hint(c, 'shift'), shift, [mean.length])], {}, hint(c, 'shift'))];
};

/** Embedding: `Gather(embeddings, ids)`; float ids are cast to int64 first. */
const embedding: LayerConverter = (c) => {
  if (c.config.maskZero) {
    unsupported(
      c,
      'maskZero masks are not exported; build the mask with PaddingMask and pass it to the attention/pooling layers',
    );
  }
  const b = c.builder;
  const ids = c.inputs[0];
  const index = ids.dtype === 'int32' ? ids.name : b.op('Cast', [ids.name], { to: 7 }, hint(c, 'ids'));
  return [b.op('Gather', [weightInit(c, 'embeddings'), index], { axis: 0 }, hint(c, 'gather'))];
};

const globalAveragePooling1d: LayerConverter = (c) => [
  c.builder.op('ReduceMean', [c.inputs[0].name], { axes: [1], keepdims: 0 }, hint(c, 'mean')),
];

const globalMaxPooling1d: LayerConverter = (c) => [
  c.builder.op('ReduceMax', [c.inputs[0].name], { axes: [1], keepdims: 0 }, hint(c, 'max')),
];

export const CORE_CONVERTERS: Record<string, LayerConverter> = {
  Dense: dense,
  Activation: activation,
  ReLU: relu,
  LeakyReLU: leakyRelu,
  ELU: elu,
  Softmax: softmax,
  Dropout: identity,
  SpatialDropout1D: identity,
  GaussianNoise: identity,
  GaussianDropout: identity,
  AlphaDropout: identity,
  Flatten: flatten,
  Reshape: reshape,
  Permute: permute,
  RepeatVector: repeatVector,
  LayerNormalization: layerNormalization,
  BatchNormalization: batchNormalization,
  Embedding: embedding,
  GlobalAveragePooling1D: globalAveragePooling1d,
  GlobalMaxPooling1D: globalMaxPooling1d,
};
