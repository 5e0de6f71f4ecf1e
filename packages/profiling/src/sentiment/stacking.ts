import { createRng, DimensionMismatchError } from '@shoppilot/core';
import type { SparseRows } from './text-features';

export interface StackingWeights {
  /** Weight per input column (member margin). */
  weights: Float64Array;
  bias: number;
  /** Newton steps taken. */
  iterations: number;
}

/**
 * The meta-model of stacked generalisation (Wolpert 1992): a logistic regression of the labels on
 * a few columns (the members' out-of-fold margins), minimising
 * (1/n) sum log(1 + exp(-y_i z_i)) + (l2 / 2) |w|^2 with z_i = b + sum_m w_m x_im (bias not
 * penalised), by Newton's method with step halving. `l2` > 0 keeps the weights finite on separable
 * data; with 0 it is plain maximum likelihood (R's `glm(family = binomial)`).
 */
export function fitStackingWeights(
  columns: ReadonlyArray<ArrayLike<number>>,
  labels: ArrayLike<number>,
  l2 = 1e-3,
  maxIter = 100,
): StackingWeights {
  for (const column of columns)
    if (column.length !== labels.length)
      throw new DimensionMismatchError({
        what: 'stacking column and labels',
        expected: labels.length,
        actual: column.length,
      });
  const d = columns.length + 1;
  let w = new Float64Array(d);
  let loss = stackingLoss(columns, labels, w, l2);
  let iterations = 0;
  while (iterations < maxIter) {
    const { gradient, hessian } = derivatives(columns, labels, w, l2);
    const step = solve(hessian, gradient);
    let scale = 1;
    let next = w.map((v, j) => v - step[j]);
    let nextLoss = stackingLoss(columns, labels, next, l2);
    while (nextLoss > loss && scale > 1e-8) {
      scale /= 2;
      next = w.map((v, j) => v - scale * step[j]);
      nextLoss = stackingLoss(columns, labels, next, l2);
    }
    iterations++;
    const moved = Math.max(...step.map((s) => Math.abs(scale * s)));
    if (nextLoss > loss) break;
    w = next;
    loss = nextLoss;
    if (moved < 1e-10) break;
  }
  return { weights: w.slice(0, d - 1), bias: w[d - 1], iterations };
}

function margin(columns: ReadonlyArray<ArrayLike<number>>, w: Float64Array, i: number): number {
  let z = w[columns.length];
  for (let m = 0; m < columns.length; m++) z += w[m] * columns[m][i];
  return z;
}

function stackingLoss(
  columns: ReadonlyArray<ArrayLike<number>>,
  labels: ArrayLike<number>,
  w: Float64Array,
  l2: number,
): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const yz = (labels[i] === 1 ? 1 : -1) * margin(columns, w, i);
    sum += yz > 0 ? Math.log1p(Math.exp(-yz)) : -yz + Math.log1p(Math.exp(yz));
  }
  let penalty = 0;
  for (let m = 0; m < columns.length; m++) penalty += w[m] * w[m];
  return sum / labels.length + (l2 / 2) * penalty;
}

function derivatives(
  columns: ReadonlyArray<ArrayLike<number>>,
  labels: ArrayLike<number>,
  w: Float64Array,
  l2: number,
): { gradient: Float64Array; hessian: Float64Array[] } {
  const d = columns.length + 1;
  const n = labels.length;
  const gradient = new Float64Array(d);
  const hessian = Array.from({ length: d }, () => new Float64Array(d));
  const x = new Float64Array(d);
  x[d - 1] = 1;
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < d - 1; m++) x[m] = columns[m][i];
    const p = 1 / (1 + Math.exp(-margin(columns, w, i)));
    const r = (p - (labels[i] === 1 ? 1 : 0)) / n;
    const h = (p * (1 - p)) / n;
    for (let a = 0; a < d; a++) {
      gradient[a] += r * x[a];
      for (let b = 0; b < d; b++) hessian[a][b] += h * x[a] * x[b];
    }
  }
  for (let m = 0; m < d - 1; m++) {
    gradient[m] += l2 * w[m];
    hessian[m][m] += l2;
  }
  hessian[d - 1][d - 1] += 1e-12;
  return { gradient, hessian };
}

/** Solves A s = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: Float64Array[], b: Float64Array): number[] {
  const d = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < d; c++) {
    let pivot = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < d; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= d; k++) m[r][k] -= f * m[c][k];
    }
  }
  const s = new Array<number>(d).fill(0);
  for (let r = d - 1; r >= 0; r--) {
    let v = m[r][d];
    for (let k = r + 1; k < d; k++) v -= m[r][k] * s[k];
    s[r] = v / m[r][r];
  }
  return s;
}

/** Fold 0..folds-1 of each of n rows: a seeded shuffle dealt round-robin (fold sizes differ by <= 1). */
export function stackingFolds(n: number, folds: number, seed: number): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i);
  createRng(seed).shuffle(order);
  const fold = new Int32Array(n);
  order.forEach((row, k) => {
    fold[row] = k % folds;
  });
  return fold;
}

/** The rows of `x` listed in `rows`, in that order (CSR copy). */
export function selectRows(x: SparseRows, rows: ArrayLike<number>): SparseRows {
  const offsets = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++)
    offsets[i + 1] = offsets[i] + x.offsets[rows[i] + 1] - x.offsets[rows[i]];
  const indices = new Int32Array(offsets[rows.length]);
  const values = x.values ? new Float32Array(indices.length) : undefined;
  for (let i = 0; i < rows.length; i++) {
    const start = x.offsets[rows[i]];
    const end = x.offsets[rows[i] + 1];
    indices.set(x.indices.subarray(start, end), offsets[i]);
    if (values && x.values) values.set(x.values.subarray(start, end), offsets[i]);
  }
  return { rows: rows.length, offsets, indices, ...(values ? { values } : {}) };
}
