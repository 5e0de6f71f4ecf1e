import * as tf from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';

/**
 * Dropout whose mask is drawn from `seed + call number`: training is reproducible for a fixed
 * seed and every step still gets a fresh mask (tfjs's own seeded dropout repeats one mask).
 * Identity outside training. Used only in the training graph (the exported graph has no dropout).
 */
export class SeededDropout extends layers.Layer {
  static className = 'ShopPilotRecsysSeededDropout';
  readonly rate: number;
  readonly seed: number;
  #calls = 0;

  constructor(args: { rate: number; seed: number; name?: string }) {
    super({ name: args.name });
    this.rate = args.rate;
    this.seed = args.seed;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || this.rate <= 0) return x;
    this.#calls++;
    return tf.dropout(x, this.rate, undefined, this.seed * 7919 + this.#calls);
  }

  override getConfig() {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}
tf.serialization.registerClass(SeededDropout);
