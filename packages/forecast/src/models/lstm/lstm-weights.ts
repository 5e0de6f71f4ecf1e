import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** One weight tensor in JSON: its shape and float32 values as base64. */
export interface StoredWeight {
  shape: number[];
  data: string;
}

export function encodeWeights(network: tfl.LayersModel): StoredWeight[] {
  return network.getWeights().map((tensor) => {
    const values = tensor.dataSync() as Float32Array;
    return {
      shape: [...tensor.shape],
      data: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64'),
    };
  });
}

export function decodeWeights(weights: readonly StoredWeight[]): tf.Tensor[] {
  return weights.map((w) => {
    const bytes = Buffer.from(w.data, 'base64');
    const values = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    return tf.tensor(values, w.shape);
  });
}
