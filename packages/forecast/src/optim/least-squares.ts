import { InvalidArgumentError } from '@shoppilot/core';

/**
 * Solves the symmetric positive-definite system A x = b in place by Cholesky decomposition
 * (A is n×n row-major). Returns x; throws when A is not positive definite.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0)) {
          throw new InvalidArgumentError({
            argument: 'matrix',
            message: `not positive definite (pivot ${i} = ${sum})`,
            value: sum,
          });
        }
        l[i * n + i] = Math.sqrt(sum);
      } else l[i * n + j] = sum / l[j * n + j];
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * z[k];
    z[i] = sum / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = z[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * x[k];
    x[i] = sum / l[i * n + i];
  }
  return x;
}

/** Least squares coefficients of y on the rows of `design` (normal equations, small p). */
export function solveLeastSquares(
  design: readonly number[][],
  y: readonly number[],
  ridge = 0,
): Float64Array {
  const p = design[0]?.length ?? 0;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  design.forEach((row, r) => {
    for (let i = 0; i < p; i++) {
      xty[i] += row[i] * y[r];
      for (let j = 0; j < p; j++) xtx[i * p + j] += row[i] * row[j];
    }
  });
  for (let i = 0; i < p; i++) xtx[i * p + i] += ridge;
  return choleskySolve(xtx, xty, p);
}
