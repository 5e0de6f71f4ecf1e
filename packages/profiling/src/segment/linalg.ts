import { InvalidArgumentError } from '@shoppilot/core';

/** Lower Cholesky factor L (row-major d x d) of a symmetric positive-definite matrix. */
export function cholesky(a: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j];
      for (let k = 0; k < j; k++) sum -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(sum > 0)) {
          throw new InvalidArgumentError({
            argument: 'covariance',
            message: 'is not positive definite (raise regCovar)',
            value: sum,
          });
        }
        l[i * d + i] = Math.sqrt(sum);
      } else {
        l[i * d + j] = sum / l[j * d + j];
      }
    }
  }
  return l;
}

/** ||L^-1 v||^2 by forward substitution (the Mahalanobis distance when L L' = Sigma). */
export function solveLowerSquaredNorm(
  l: Float64Array,
  v: Float64Array,
  d: number,
  work: Float64Array,
): number {
  let norm = 0;
  for (let i = 0; i < d; i++) {
    let sum = v[i];
    for (let k = 0; k < i; k++) sum -= l[i * d + k] * work[k];
    work[i] = sum / l[i * d + i];
    norm += work[i] * work[i];
  }
  return norm;
}

/** log |Sigma| from its Cholesky factor. */
export function logDetFromCholesky(l: Float64Array, d: number): number {
  let sum = 0;
  for (let i = 0; i < d; i++) sum += Math.log(l[i * d + i]);
  return 2 * sum;
}
