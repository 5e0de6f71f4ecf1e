import { LearnedPositionalEmbedding } from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Core's LearnedPositionalEmbedding (same class name, config and weights, so core's ONNX exporter
 * translates it unchanged) that adds the LAST `length` rows of its table to a shorter input
 * instead of the first ones. SASRec's histories are left-padded to `maxLength`, so the most recent
 * item always sits at position `maxLength - 1`; with this layer a batch may be cropped to its
 * longest real history (the padding columns in front are masked out of attention anyway) and
 * every real position keeps the state it has in the full-width input. At full width the two
 * layers are the same operation. Not registered for serialisation (the network is rebuilt from
 * its options and weight values, never deserialised as a tfjs model).
 */
export class TailPositionalEmbedding extends LearnedPositionalEmbedding {
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const length = x.shape[1] as number;
    if (length >= this.maxLength) return super.call(inputs);
    return tf.tidy(() => {
      const dim = x.shape[2] as number;
      const scaled = this.scaleInput ? tf.mul(x, Math.sqrt(dim)) : x;
      return tf.add(scaled, tf.slice(this.table(), [this.maxLength - length, 0], [length, dim]));
    });
  }
}
