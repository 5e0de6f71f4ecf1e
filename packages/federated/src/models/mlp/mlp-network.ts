import { InvalidArgumentError, type Rng } from '@shoppilot/core';

/** A fully connected network d → hidden… → 1 with a linear output; parameters in one flat vector. */
export interface MlpShape {
  inputs: number;
  hidden: readonly number[];
  activation: 'relu' | 'tanh';
}

/** Layer sizes [d, h1, …, 1]. */
export function layerSizes(shape: MlpShape): number[] {
  return [shape.inputs, ...shape.hidden, 1];
}

/** Number of parameters: Σ (in·out + out) over layers (weights row-major out x in, then biases). */
export function parameterCount(shape: MlpShape): number {
  const sizes = layerSizes(shape);
  let total = 0;
  for (let l = 1; l < sizes.length; l++) total += sizes[l - 1] * sizes[l] + sizes[l];
  return total;
}

export function checkShape(shape: MlpShape): void {
  if (!Number.isInteger(shape.inputs) || shape.inputs < 1) {
    throw new InvalidArgumentError({
      argument: 'inputs',
      message: 'must be an integer >= 1',
      value: shape.inputs,
    });
  }
  shape.hidden.forEach((h, i) => {
    if (!Number.isInteger(h) || h < 1)
      throw new InvalidArgumentError({
        argument: `hidden[${i}]`,
        message: 'must be an integer >= 1',
        value: h,
      });
  });
}

/** He-uniform weights (Glorot for tanh), zero biases, from the seeded generator. */
export function initialParameters(shape: MlpShape, rng: Rng): Float64Array {
  const sizes = layerSizes(shape);
  const out = new Float64Array(parameterCount(shape));
  let offset = 0;
  for (let l = 1; l < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l - 1], sizes[l]];
    const limit = shape.activation === 'relu' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < fanIn * fanOut; i++) out[offset + i] = rng.uniform(-limit, limit);
    offset += fanIn * fanOut + fanOut;
  }
  return out;
}

/**
 * Mean squared error over the rows `indices` of `x` (n x d, row-major) and, when `gradient` is
 * given, adds its gradient w.r.t. the parameters into it (backpropagation, one row at a time).
 */
export function mseAndGradient(
  shape: MlpShape,
  parameters: Float64Array,
  data: { x: Float64Array; y: Float64Array },
  indices: ArrayLike<number>,
  gradient?: Float64Array,
): number {
  const sizes = layerSizes(shape);
  const activations = sizes.map((size) => new Float64Array(size));
  const deltas = sizes.map((size) => new Float64Array(size));
  const offsets = layerOffsets(sizes);
  let loss = 0;
  const scale = 2 / indices.length;
  for (let r = 0; r < indices.length; r++) {
    const row = indices[r];
    activations[0].set(data.x.subarray(row * shape.inputs, (row + 1) * shape.inputs));
    forward(shape, parameters, sizes, offsets, activations);
    const error = activations[sizes.length - 1][0] - data.y[row];
    loss += error * error;
    if (gradient) backward(shape, parameters, sizes, offsets, activations, deltas, error * scale, gradient);
  }
  return loss / Math.max(1, indices.length);
}

function layerOffsets(sizes: number[]): number[] {
  const offsets = [0];
  for (let l = 1; l < sizes.length; l++) offsets.push(offsets[l - 1] + sizes[l - 1] * sizes[l] + sizes[l]);
  return offsets;
}

function forward(
  shape: MlpShape,
  p: Float64Array,
  sizes: number[],
  offsets: number[],
  a: Float64Array[],
): void {
  const last = sizes.length - 1;
  for (let l = 1; l <= last; l++) {
    const [fanIn, fanOut, w] = [sizes[l - 1], sizes[l], offsets[l - 1]];
    const input = a[l - 1];
    const output = a[l];
    for (let j = 0; j < fanOut; j++) {
      let z = p[w + fanIn * fanOut + j];
      const row = w + j * fanIn;
      for (let i = 0; i < fanIn; i++) z += p[row + i] * input[i];
      output[j] = l === last ? z : shape.activation === 'relu' ? Math.max(z, 0) : Math.tanh(z);
    }
  }
}

function backward(
  shape: MlpShape,
  p: Float64Array,
  sizes: number[],
  offsets: number[],
  a: Float64Array[],
  d: Float64Array[],
  outputDelta: number,
  g: Float64Array,
): void {
  const last = sizes.length - 1;
  d[last][0] = outputDelta;
  for (let l = last; l >= 1; l--) {
    const [fanIn, fanOut, w] = [sizes[l - 1], sizes[l], offsets[l - 1]];
    const input = a[l - 1];
    const below = d[l - 1];
    if (l > 1) below.fill(0);
    for (let j = 0; j < fanOut; j++) {
      const delta = d[l][j];
      if (delta === 0) continue;
      g[w + fanIn * fanOut + j] += delta;
      const row = w + j * fanIn;
      for (let i = 0; i < fanIn; i++) {
        g[row + i] += delta * input[i];
        if (l > 1) below[i] += delta * p[row + i];
      }
    }
    if (l > 1) {
      for (let i = 0; i < fanIn; i++) {
        const h = input[i];
        below[i] *= shape.activation === 'relu' ? (h > 0 ? 1 : 0) : 1 - h * h;
      }
    }
  }
}

/** Network output for every row of `x`. */
export function predictMlp(shape: MlpShape, parameters: Float64Array, x: Float64Array): Float64Array {
  const sizes = layerSizes(shape);
  const activations = sizes.map((size) => new Float64Array(size));
  const offsets = layerOffsets(sizes);
  const rows = x.length / shape.inputs;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    activations[0].set(x.subarray(r * shape.inputs, (r + 1) * shape.inputs));
    forward(shape, parameters, sizes, offsets, activations);
    out[r] = activations[sizes.length - 1][0];
  }
  return out;
}
