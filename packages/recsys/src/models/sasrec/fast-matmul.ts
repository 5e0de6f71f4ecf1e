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

/**
 * Mean softmax cross-entropy of `logits [n, c]` against the column `labels[r]` of each row. The
 * softmax runs as one backend kernel; the loss and the gradient `(softmax − onehot) / n` are read
 * off it in JS. tfjs's own `logSumExp` gradient broadcasts an `Equal` over `[n, c]` that took
 * longer than the rest of a SASRec training step on tfjs-backend-wasm.
 */
export function softmaxCrossEntropy(logits: tf.Tensor, labels: Int32Array): tf.Tensor {
  const fn = tf.customGrad(((x: tf.Tensor) => {
    const [rows, columns] = x.shape as [number, number];
    const probabilities = tf.softmax(x);
    const gradient = Float32Array.from(probabilities.dataSync() as Float32Array);
    probabilities.dispose();
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const at = r * columns + labels[r];
      loss -= Math.log(Math.max(gradient[at], 1e-30));
      gradient[at] -= 1;
    }
    return {
      value: tf.scalar(loss / Math.max(rows, 1)),
      gradFunc: (dy: tf.Tensor) =>
        tf.mul(tf.tensor2d(gradient, [rows, columns]), tf.div(dy, Math.max(rows, 1))),
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor) => tf.Tensor;
  return fn(logits);
}
