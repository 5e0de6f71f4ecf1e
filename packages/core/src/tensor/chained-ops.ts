import * as tf from '@tensorflow/tfjs-core';

/**
 * Ops that `@tensorflow/tfjs` adds to `Tensor.prototype` (`x.flatten()`, `x.transpose()`…).
 * `@tensorflow/tfjs-core`'s Node entry does not register them and its ESM files cannot be
 * imported under Node, yet tfjs-layers calls some (the orthogonal initialiser of every LSTM/GRU
 * uses `flatten().stridedSlice()`). `registerChainedOps()` adds the missing ones.
 */
const PLAIN_OPS = [
  'abs',
  'acos',
  'acosh',
  'add',
  'all',
  'any',
  'argMax',
  'argMin',
  'asin',
  'asinh',
  'atan',
  'atan2',
  'atanh',
  'batchNorm',
  'batchToSpaceND',
  'broadcastTo',
  'cast',
  'ceil',
  'clipByValue',
  'conv1d',
  'conv2d',
  'cos',
  'cosh',
  'cumprod',
  'cumsum',
  'depthToSpace',
  'div',
  'divNoNan',
  'dot',
  'elu',
  'equal',
  'erf',
  'euclideanNorm',
  'exp',
  'expandDims',
  'expm1',
  'floor',
  'floorDiv',
  'gather',
  'greater',
  'greaterEqual',
  'isFinite',
  'isInf',
  'isNaN',
  'leakyRelu',
  'less',
  'lessEqual',
  'log',
  'log1p',
  'logSigmoid',
  'logSoftmax',
  'logSumExp',
  'logicalAnd',
  'logicalNot',
  'logicalOr',
  'logicalXor',
  'matMul',
  'max',
  'maximum',
  'mean',
  'min',
  'minimum',
  'mirrorPad',
  'mod',
  'mul',
  'neg',
  'norm',
  'notEqual',
  'oneHot',
  'onesLike',
  'pad',
  'pow',
  'prelu',
  'prod',
  'reciprocal',
  'relu',
  'relu6',
  'reshape',
  'reverse',
  'round',
  'rsqrt',
  'selu',
  'sigmoid',
  'sign',
  'sin',
  'sinh',
  'slice',
  'softmax',
  'softplus',
  'spaceToBatchND',
  'split',
  'sqrt',
  'square',
  'squaredDifference',
  'squeeze',
  'step',
  'stridedSlice',
  'sub',
  'sum',
  'tan',
  'tanh',
  'tile',
  'topk',
  'transpose',
  'unique',
  'unstack',
  'zerosLike',
] as const;

type AnyFn = (...args: unknown[]) => tf.Tensor;
type Special = (this: tf.Tensor, ...args: never[]) => unknown;

const SPECIAL: Record<string, Special> = {
  flatten() {
    return tf.reshape(this, [this.size]);
  },
  asScalar() {
    return tf.reshape(this, []);
  },
  as1D() {
    return tf.reshape(this, [this.size]);
  },
  as2D(rows: number, columns: number) {
    return tf.reshape(this, [rows, columns]);
  },
  as3D(rows: number, columns: number, depth: number) {
    return tf.reshape(this, [rows, columns, depth]);
  },
  as4D(rows: number, columns: number, depth: number, depth2: number) {
    return tf.reshape(this, [rows, columns, depth, depth2]);
  },
  asType(dtype: tf.DataType) {
    return tf.cast(this, dtype);
  },
  toFloat() {
    return tf.cast(this, 'float32');
  },
  toInt() {
    return tf.cast(this, 'int32');
  },
  toBool() {
    return tf.cast(this, 'bool');
  },
  reshapeAs(x: tf.Tensor) {
    return tf.reshape(this, x.shape);
  },
  concat(x: tf.Tensor | tf.Tensor[], axis?: number) {
    return tf.concat([this, ...(x instanceof tf.Tensor ? [x] : x)], axis);
  },
  stack(x: tf.Tensor | tf.Tensor[], axis?: number) {
    return tf.stack([this, ...(x instanceof tf.Tensor ? [x] : x)], axis);
  },
  where(condition: tf.Tensor, x: tf.Tensor) {
    return tf.where(condition, this, x);
  },
};

let registered = false;

/** Adds the chained tensor ops that are missing (idempotent; never replaces existing ones). */
export function registerChainedOps(): void {
  if (registered) return;
  registered = true;
  const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = tf as unknown as Record<string, AnyFn>;
  for (const name of PLAIN_OPS) {
    if (proto[name] !== undefined || typeof ops[name] !== 'function') continue;
    proto[name] = function (this: tf.Tensor, ...args: unknown[]) {
      return ops[name](this, ...args);
    };
  }
  for (const [name, fn] of Object.entries(SPECIAL)) {
    if (proto[name] === undefined) proto[name] = fn;
  }
}

registerChainedOps();
