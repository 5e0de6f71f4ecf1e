import type { GraphBuilder } from '../graph-builder';
import { floatAttr } from '../graph-builder';

type Emit = (b: GraphBuilder, x: string, hint: string) => string;

const mul = (b: GraphBuilder, x: string, y: string, hint: string) => b.op('Mul', [x, y], {}, hint);

/** ONNX translations of tfjs activation identifiers (`activation.getClassName()`). */
const ACTIVATIONS: Record<string, Emit> = {
  linear: (_b, x) => x,
  relu: (b, x, h) => b.op('Relu', [x], {}, h),
  relu6: (b, x, h) => b.op('Clip', [x, b.floats([0]), b.floats([6])], {}, h),
  elu: (b, x, h) => b.op('Elu', [x], { alpha: floatAttr(1) }, h),
  selu: (b, x, h) => b.op('Selu', [x], {}, h),
  sigmoid: (b, x, h) => b.op('Sigmoid', [x], {}, h),
  hardSigmoid: (b, x, h) => b.op('HardSigmoid', [x], { alpha: floatAttr(0.2), beta: floatAttr(0.5) }, h),
  tanh: (b, x, h) => b.op('Tanh', [x], {}, h),
  softplus: (b, x, h) => b.op('Softplus', [x], {}, h),
  softsign: (b, x, h) => b.op('Softsign', [x], {}, h),
  softmax: (b, x, h) => b.op('Softmax', [x], { axis: -1 }, h),
  logSoftmax: (b, x, h) => b.op('LogSoftmax', [x], { axis: -1 }, h),
  swish: (b, x, h) => mul(b, b.op('Sigmoid', [x], {}, h), x, h),
  mish: (b, x, h) => mul(b, x, b.op('Tanh', [b.op('Softplus', [x], {}, h)], {}, h), h),
  gelu: (b, x, h) => {
    // x · 0.5 · (1 + erf(x / √2)), tfjs's exact form.
    const erf = b.op('Erf', [b.op('Div', [x, b.floats([Math.SQRT2])], {}, h)], {}, h);
    const cdf = mul(b, b.floats([0.5]), b.op('Add', [b.floats([1]), erf], {}, h), h);
    return mul(b, x, cdf, h);
  },
  gelu_new: (b, x, h) => {
    // 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 x³))).
    const cube = b.op('Pow', [x, b.floats([3])], {}, h);
    const inner = b.op('Add', [x, mul(b, b.floats([0.044715]), cube, h)], {}, h);
    const t = b.op('Tanh', [mul(b, b.floats([Math.sqrt(2 / Math.PI)]), inner, h)], {}, h);
    return mul(b, b.floats([0.5]), mul(b, x, b.op('Add', [b.floats([1]), t], {}, h), h), h);
  },
};

/** Names of the activations the exporter handles. */
export const SUPPORTED_ACTIVATIONS = Object.keys(ACTIVATIONS);

/** Emits the activation, or returns undefined when it is not supported. */
export function emitActivation(b: GraphBuilder, name: string, x: string, hint: string): string | undefined {
  return ACTIVATIONS[name]?.(b, x, `${hint}/${name}`);
}

/** ONNX RNN activation names (LSTM/GRU `activations` attribute) for tfjs identifiers. */
export const RNN_ACTIVATIONS: Record<string, { name: string; alpha?: number; beta?: number }> = {
  sigmoid: { name: 'Sigmoid' },
  tanh: { name: 'Tanh' },
  relu: { name: 'Relu' },
  hardSigmoid: { name: 'HardSigmoid', alpha: 0.2, beta: 0.5 },
  softsign: { name: 'Softsign' },
  softplus: { name: 'Softplus' },
  elu: { name: 'Elu', alpha: 1 },
};
