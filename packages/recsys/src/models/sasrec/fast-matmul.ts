import * as tf from '@tensorflow/tfjs-core';

/**
 * `a · bᵀ` with a hand-written gradient that only multiplies untransposed operands
 * (`da = dy · b`, `db = transpose(dy) · a`). tfjs-backend-wasm 4.22 runs `matMul` with its
 * transpose flags 10–40x slower than an explicit transpose followed by a plain `matMul`
 * (measured on this project's machine: 1.0 vs 7.8 GFLOP/s for transposeB), and the built-in
 * gradient of `matMul` uses those flags.
 */
export const matMulTransposed = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, tf.transpose(b) as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved;
      return [
        tf.matMul(dy as tf.Tensor2D, sb as tf.Tensor2D),
        tf.matMul(tf.transpose(dy) as tf.Tensor2D, sa as tf.Tensor2D),
      ];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** `a · b` whose gradient avoids the transpose flags (`da = dy · transpose(b)`, `db = transpose(a) · dy`). */
export const matMulPlain = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved;
      return [
        tf.matMul(dy as tf.Tensor2D, tf.transpose(sb) as tf.Tensor2D),
        tf.matMul(tf.transpose(sa) as tf.Tensor2D, dy as tf.Tensor2D),
      ];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
