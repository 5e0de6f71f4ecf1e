import * as tf from '@tensorflow/tfjs-core';

/**
 * `op(x_i) · op(y_i)` for every i of `x [B, ·, ·]`, `y [B, ·, ·]` (op = transpose when its flag
 * is set), as B plain rank-2 products. tfjs-backend-wasm 4.22 runs rank-2 `matMul` through
 * XNNPACK but a batched rank-3 one through a generic loop that is 5–10x slower at attention's
 * shapes (measured here: 128 products `[200,64]·[64,200]` 617 ms CPU batched vs 82 ms one by one).
 */
function perSample(x: tf.Tensor, y: tf.Tensor, tx: boolean, ty: boolean): tf.Tensor3D {
  const [batch, xr, xc] = x.shape as [number, number, number];
  const [, yr, yc] = y.shape as [number, number, number];
  const rows = tx ? xc : xr;
  const cols = ty ? yr : yc;
  const xs = x.dataSync() as Float32Array;
  const ys = y.dataSync() as Float32Array;
  const out = new Float32Array(batch * rows * cols);
  for (let i = 0; i < batch; i++) {
    const product = tf.tidy(() => {
      const xi = slice(xs, i, xr, xc, tx);
      const yi = slice(ys, i, yr, yc, ty);
      return tf.matMul(xi, yi);
    });
    out.set(product.dataSync() as Float32Array, i * rows * cols);
    product.dispose();
  }
  return tf.tensor3d(out, [batch, rows, cols]);
}

/** Matrix i of a `[B, r, c]` buffer as a rank-2 tensor, transposed in JS when asked. */
function slice(values: Float32Array, i: number, r: number, c: number, transpose: boolean): tf.Tensor2D {
  const part = values.subarray(i * r * c, (i + 1) * r * c);
  if (!transpose) return tf.tensor2d(part, [r, c]);
  const t = new Float32Array(r * c);
  for (let a = 0; a < r; a++) for (let b = 0; b < c; b++) t[b * r + a] = part[a * c + b];
  return tf.tensor2d(t, [c, r]);
}

/**
 * Batched `a · b` (or `a · bᵀ` with `transposeB`) for `[B, m, k]` operands, forward and gradient
 * as per-sample rank-2 products (see `perSample`): `d a = dy · bᵀ`, `d b = aᵀ · dy` (and for
 * `a · bᵀ`: `d a = dy · b`, `d b = dyᵀ · a`). Same values as `tf.matMul` up to float rounding.
 */
export function batchedMatMul(a: tf.Tensor, b: tf.Tensor, transposeB = false): tf.Tensor3D {
  const fn = tf.customGrad(((x: tf.Tensor, y: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x, y]);
    return {
      value: perSample(x, y, false, transposeB),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sy] = saved;
        return transposeB
          ? [perSample(dy, sy, false, false), perSample(dy, sx, true, false)]
          : [perSample(dy, sy, false, true), perSample(sx, dy, true, false)];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor, y: tf.Tensor) => tf.Tensor3D;
  return fn(a, b);
}
