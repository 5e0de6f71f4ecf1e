import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type LayerNormalizationLayer = ReturnType<typeof tfl.layers.layerNormalization>;
type LayerNormalizationClass = new (args: { epsilon?: number; name?: string }) => LayerNormalizationLayer;

const Base = tfl.layers.layerNormalization({}).constructor as LayerNormalizationClass;

/**
 * tfjs-layers' LayerNormalization over the last axis, computed with broadcasting instead of
 * `tf.tile`. The stock layer tiles the statistics and gamma/beta to the full input shape; on the
 * wasm backend Tile and its gradient (a sum of slices) made one SASRec training step ~100x
 * slower. Same class name, config and weights, so core's ONNX exporter translates it unchanged.
 */
export class BroadcastLayerNormalization extends Base {
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: object): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const self = this as unknown as { gamma?: tfl.LayerVariable; beta?: tfl.LayerVariable; epsilon: number };
    return tf.tidy(() => {
      const mean = tf.mean(x, -1, true);
      const centred = tf.sub(x, mean);
      const variance = tf.mean(tf.square(centred), -1, true);
      let y = tf.mul(centred, tf.rsqrt(tf.add(variance, self.epsilon)));
      if (self.gamma) y = tf.mul(y, self.gamma.read());
      if (self.beta) y = tf.add(y, self.beta.read());
      return y;
    });
  }
}

/** A last-axis layer norm (epsilon 1e-6). */
export function layerNorm(name?: string): tfl.layers.Layer {
  return new BroadcastLayerNormalization({ epsilon: 1e-6, name });
}
