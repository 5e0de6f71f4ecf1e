import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { matMulPlain } from './fast-matmul';

type DenseLayer = ReturnType<typeof tfl.layers.dense>;
type DenseClass = new (args: Parameters<typeof tfl.layers.dense>[0]) => DenseLayer;

const Base = tfl.layers.dense({ units: 1 }).constructor as DenseClass;

/**
 * tfjs-layers' Dense (same class name, config and weights, so core's ONNX exporter translates it)
 * whose backward pass avoids tfjs-backend-wasm's slow transposed `matMul` (see `matMulPlain`).
 * Supports the `relu` and `linear` activations used by SASRec.
 */
export class FastDense extends Base {
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: object): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const self = this as unknown as { kernel: tfl.LayerVariable; bias?: tfl.LayerVariable; units: number };
    const activation = (this.getConfig() as { activation?: string }).activation ?? 'linear';
    return tf.tidy(() => {
      const inner = x.shape[x.shape.length - 1] as number;
      let y = matMulPlain(tf.reshape(x, [-1, inner]), self.kernel.read());
      if (self.bias) y = tf.add(y, self.bias.read());
      if (activation === 'relu') y = tf.relu(y);
      return tf.reshape(y, [...x.shape.slice(0, -1), self.units]);
    });
  }
}
