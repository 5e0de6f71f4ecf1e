import { DimensionMismatchError } from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * Layers that stay on the client (never averaged): the learned series embedding, whose rows belong
 * to one client's series only. Everything else (encoder LSTM, queries, temporal attention, head,
 * quantile output) is the shared model.
 */
export const PRIVATE_LAYERS: readonly string[] = ['series_embedding'];

/** One shared weight tensor's place in the flat vector. */
export interface SharedWeight {
  /** `<layer>/<weight index within the layer>`, e.g. `encoder_lstm/0` (the LSTM kernel). */
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

/**
 * The flat layout of the shared weights, in a fixed order: the network's layers in topological
 * order (`network.layers`: encoder_lstm, queries, attention, head, quantiles for the forecast
 * network), each layer's weights in tfjs order (LSTM: kernel, recurrent kernel, bias; dense:
 * kernel, bias; attention: state kernel, query kernel, bias, score vector), each tensor row-major.
 */
export function sharedLayout(network: tfl.LayersModel): {
  weights: SharedWeight[];
  variables: tfl.LayerVariable[];
  count: number;
} {
  const weights: SharedWeight[] = [];
  const variables: tfl.LayerVariable[] = [];
  let offset = 0;
  for (const layer of network.layers) {
    if (PRIVATE_LAYERS.includes(layer.name)) continue;
    layer.weights.forEach((variable, i) => {
      const size = variable.shape.reduce((a, b) => (a as number) * (b as number), 1) as number;
      weights.push({ name: `${layer.name}/${i}`, shape: [...(variable.shape as number[])], offset, size });
      variables.push(variable);
      offset += size;
    });
  }
  return { weights, variables, count: offset };
}

/** The shared weights as one Float64Array (float32 values widened exactly). */
export function flattenShared(network: tfl.LayersModel): Float64Array {
  const { variables, count } = sharedLayout(network);
  const out = new Float64Array(count);
  let offset = 0;
  for (const variable of variables) {
    const values = variable.read().dataSync() as Float32Array;
    out.set(values, offset);
    offset += values.length;
  }
  return out;
}

/** Writes a flat vector into the shared weights (rounded to float32); private layers are kept. */
export function unflattenShared(network: tfl.LayersModel, values: ArrayLike<number>): void {
  const { weights, variables, count } = sharedLayout(network);
  if (values.length !== count)
    throw new DimensionMismatchError({
      expected: count,
      actual: values.length,
      what: 'LSTM shared parameters',
    });
  weights.forEach((w, i) => {
    const slice = Float32Array.from({ length: w.size }, (_, j) => values[w.offset + j]);
    const tensor = tf.tensor(slice, w.shape);
    variables[i].write(tensor);
    tensor.dispose();
  });
}
