import { allowedPairs, MultiHeadSelfAttention, maskedSoftmax } from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import type { LayerVariable } from '@tensorflow/tfjs-layers';
import { batchedMatMul } from './batched-matmul';
import { matMulPlain } from './fast-matmul';

/**
 * Core's MultiHeadSelfAttention (same class name, config and weights, so core's ONNX exporter
 * translates it unchanged) whose four projections use `matMulPlain`: the built-in gradient of a
 * rank-2 `matMul` multiplies with transpose flags, which tfjs-backend-wasm 4.22 runs 5-7x slower
 * than a plain product (measured here: `[6400,64]·[64,64]ᵀ` 43 ms CPU vs 6 ms), and those
 * gradients were half of a SASRec training step. The batched attention products `q·kᵀ` and
 * `weights·v` run as per-sample rank-2 products (`batchedMatMul`): tfjs-backend-wasm's rank-3
 * `matMul` was most of an epoch at L 200. One head skips the head split/merge transposes.
 */
export class FastSelfAttention extends MultiHeadSelfAttention {
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [x, mask] = Array.isArray(inputs) ? inputs : [inputs];
      const self = this as unknown as { kernels: LayerVariable[]; biases: LayerVariable[] };
      const [batch, length, dim] = x.shape as [number, number, number];
      const heads = this.numHeads;
      const size = this.headDim;
      const flat = tf.reshape(x, [batch * length, dim]);
      const project = (input: tf.Tensor, k: number) => {
        const y = matMulPlain(input, self.kernels[k].read());
        return this.useBias ? tf.add(y, self.biases[k].read()) : y;
      };
      const split = (y: tf.Tensor) =>
        heads === 1
          ? tf.reshape(y, [batch, length, size])
          : tf.reshape(tf.transpose(tf.reshape(y, [batch, length, heads, size]), [0, 2, 1, 3]), [
              batch * heads,
              length,
              size,
            ]);
      const q = split(project(flat, 0)) as tf.Tensor3D;
      const k = split(project(flat, 1)) as tf.Tensor3D;
      const v = split(project(flat, 2)) as tf.Tensor3D;
      const scores = tf.reshape(tf.div(batchedMatMul(q, k, true), Math.sqrt(size)), [
        batch,
        heads,
        length,
        length,
      ]);
      const attention = maskedSoftmax(scores, allowedPairs(mask, this.causal, length, length));
      const context = batchedMatMul(tf.reshape(attention, [batch * heads, length, length]), v);
      const merged =
        heads === 1
          ? tf.reshape(context, [batch * length, size])
          : tf.reshape(tf.transpose(tf.reshape(context, [batch, heads, length, size]), [0, 2, 1, 3]), [
              batch * length,
              heads * size,
            ]);
      return tf.reshape(project(merged, 3), [batch, length, this.outputDim]);
    });
  }
}
