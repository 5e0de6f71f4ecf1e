import { createRng } from '@shoppilot/core';

/**
 * A small fully connected network (ReLU hidden layers, linear scalar output) in Float64Arrays
 * with Adam — the Q-function of the DQN. Tiny inputs and thousands of small updates make plain
 * typed-array maths much faster here than a tensor runtime's per-op overhead.
 */
export class Mlp {
  readonly sizes: number[];
  /** weights[l] is `sizes[l+1] x sizes[l]` row-major, biases[l] has `sizes[l+1]` values. */
  readonly weights: Float64Array[];
  readonly biases: Float64Array[];
  #adam: { m: Float64Array[]; v: Float64Array[]; t: number } | undefined;

  constructor(sizes: number[], seed: number) {
    this.sizes = sizes;
    const rng = createRng(seed);
    this.weights = sizes.slice(1).map((out, l) => {
      const fanIn = sizes[l];
      const scale = Math.sqrt(2 / fanIn);
      return Float64Array.from({ length: out * fanIn }, () => rng.normal(0, scale));
    });
    this.biases = sizes.slice(1).map((out) => new Float64Array(out));
  }

  /** Output for one input. */
  predict(input: ArrayLike<number>): number {
    let x: Float64Array = Float64Array.from(input);
    for (let l = 0; l < this.weights.length; l++) x = this.#layer(l, x, l < this.weights.length - 1);
    return x[0];
  }

  #layer(l: number, x: Float64Array, relu: boolean): Float64Array {
    const inSize = this.sizes[l];
    const outSize = this.sizes[l + 1];
    const w = this.weights[l];
    const out = new Float64Array(outSize);
    for (let o = 0; o < outSize; o++) {
      let s = this.biases[l][o];
      const row = o * inSize;
      for (let i = 0; i < inSize; i++) s += w[row + i] * x[i];
      out[o] = relu && s < 0 ? 0 : s;
    }
    return out;
  }

  /** One Adam step on the mean squared error (Huber when `huber` > 0) of a batch. Returns the loss. */
  train(
    inputs: readonly ArrayLike<number>[],
    targets: readonly number[],
    learningRate: number,
    huber = 1,
  ): number {
    const grads = this.weights.map((w) => new Float64Array(w.length));
    const biasGrads = this.biases.map((b) => new Float64Array(b.length));
    let loss = 0;
    inputs.forEach((input, n) => {
      const activations: Float64Array[] = [Float64Array.from(input)];
      for (let l = 0; l < this.weights.length; l++)
        activations.push(this.#layer(l, activations[l], l < this.weights.length - 1));
      const error = activations[activations.length - 1][0] - targets[n];
      const clipped = huber > 0 ? Math.max(-huber, Math.min(huber, error)) : error;
      loss +=
        huber > 0 && Math.abs(error) > huber ? huber * (Math.abs(error) - huber / 2) : (error * error) / 2;
      this.#backward(activations, clipped / inputs.length, grads, biasGrads);
    });
    this.#adamStep(grads, biasGrads, learningRate);
    return loss / inputs.length;
  }

  #backward(
    activations: Float64Array[],
    outputGrad: number,
    grads: Float64Array[],
    biasGrads: Float64Array[],
  ): void {
    let delta = Float64Array.of(outputGrad);
    for (let l = this.weights.length - 1; l >= 0; l--) {
      const inSize = this.sizes[l];
      const x = activations[l];
      const w = this.weights[l];
      const previous = new Float64Array(inSize);
      for (let o = 0; o < delta.length; o++) {
        const d = delta[o];
        if (d === 0) continue;
        biasGrads[l][o] += d;
        const row = o * inSize;
        for (let i = 0; i < inSize; i++) {
          grads[l][row + i] += d * x[i];
          previous[i] += d * w[row + i];
        }
      }
      if (l > 0) for (let i = 0; i < inSize; i++) if (x[i] <= 0) previous[i] = 0;
      delta = previous;
    }
  }

  #adamStep(grads: Float64Array[], biasGrads: Float64Array[], rate: number): void {
    const params = [...this.weights, ...this.biases];
    const all = [...grads, ...biasGrads];
    this.#adam ??= {
      m: params.map((p) => new Float64Array(p.length)),
      v: params.map((p) => new Float64Array(p.length)),
      t: 0,
    };
    const adam = this.#adam;
    adam.t++;
    const c1 = 1 - 0.9 ** adam.t;
    const c2 = 1 - 0.999 ** adam.t;
    params.forEach((p, k) => {
      const g = all[k];
      const m = adam.m[k];
      const v = adam.v[k];
      for (let i = 0; i < p.length; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        p[i] -= (rate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8);
      }
    });
  }

  /** Copies the parameters of `other` (same sizes) into this network (the target-network sync). */
  copyFrom(other: Mlp): void {
    other.weights.forEach((w, l) => {
      this.weights[l].set(w);
    });
    other.biases.forEach((b, l) => {
      this.biases[l].set(b);
    });
  }
}
