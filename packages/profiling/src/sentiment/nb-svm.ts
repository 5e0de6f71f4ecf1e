import { createRng, type LongRunningOptions, throwIfAborted } from '@shoppilot/core';
import { fold, interpolate, logCountRatios, type SparseLinearModel } from './nb-logistic';
import type { SparseRows } from './text-features';

export interface NbSvmFitOptions extends LongRunningOptions {
  /** Laplace smoothing of the naive-Bayes counts. Default 1. */
  alpha?: number;
  /** SVM cost C (larger = less regularisation). Default 1. */
  C?: number;
  /** Wang & Manning's interpolation beta (1 = plain SVM on NB-scaled features). Default 0.25. */
  interpolation?: number;
  /** Maximum passes of dual coordinate descent. Default 200. */
  maxIter?: number;
  /** Stop when the projected-gradient spread of a pass is below this (LIBLINEAR's eps). Default 0.1. */
  tol?: number;
  /** Seed of the per-pass random order. Default 0. */
  seed?: number;
}

export interface NbSvmFit extends SparseLinearModel {
  /** Passes made. */
  iterations: number;
}

/**
 * NBSVM (Wang & Manning 2012): an L2-regularised squared-hinge SVM on the binary (or weighted)
 * features scaled by naive-Bayes log-count ratios, solved by dual coordinate descent (Hsieh et al.
 * 2008, LIBLINEAR's solver 1, bias as a regularised constant feature of value 1), then the
 * weights interpolated towards their mean magnitude. Returns the folded sparse weights; the
 * score bias + sum(weight x value) is the SVM margin (positive = class 1).
 */
export async function fitNbSvm(
  x: SparseRows,
  labels: ArrayLike<number>,
  size: number,
  options: NbSvmFitOptions = {},
): Promise<NbSvmFit> {
  const ratios = logCountRatios(x, labels, size, options.alpha ?? 1);
  const C = options.C ?? 1;
  const { columns, z, width } = compactScaled(x, ratios, size);
  const v = new Float64Array(width);
  const alphas = new Float64Array(x.rows);
  const qd = new Float64Array(x.rows).fill(1 + 0.5 / C);
  const { offsets } = x;
  for (let r = 0; r < x.rows; r++) for (let k = offsets[r]; k < offsets[r + 1]; k++) qd[r] += z[k] * z[k];
  const state = { bias: 0, iterations: 0 };
  await coordinateDescent(x, labels, { columns, z, v, alphas, qd, C, state }, options);
  const w = new Float64Array(size);
  for (let k = 0; k < columns.length; k++) w[x.indices[k]] = v[columns[k]];
  interpolate(w, ratios, options.interpolation ?? 0.25);
  return { ...fold(w, ratios, state.bias), iterations: state.iterations };
}

/**
 * The NB-scaled values z = r_j x_ij of every stored entry, and the features renumbered 0..width-1
 * in order of first appearance, so that the solver's weight vector holds only the features of
 * the training rows (cache-friendly) instead of the whole 2^bits hash space.
 */
function compactScaled(
  x: SparseRows,
  ratios: Float64Array,
  size: number,
): { columns: Int32Array; z: Float64Array; width: number } {
  const renumber = new Int32Array(size).fill(-1);
  const columns = new Int32Array(x.indices.length);
  const z = new Float64Array(x.indices.length);
  let width = 0;
  for (let k = 0; k < x.indices.length; k++) {
    const j = x.indices[k];
    if (renumber[j] < 0) renumber[j] = width++;
    columns[k] = renumber[j];
    z[k] = ratios[j] * (x.values ? x.values[k] : 1);
  }
  return { columns, z, width };
}

interface DualState {
  columns: Int32Array;
  z: Float64Array;
  v: Float64Array;
  alphas: Float64Array;
  qd: Float64Array;
  C: number;
  state: { bias: number; iterations: number };
}

/** LIBLINEAR's dual coordinate descent passes (random order) until the projected-gradient spread is <= tol. */
async function coordinateDescent(
  x: SparseRows,
  labels: ArrayLike<number>,
  { columns, z, v, alphas, qd, C, state }: DualState,
  options: NbSvmFitOptions,
): Promise<void> {
  const diag = 0.5 / C;
  const { offsets } = x;
  const rng = createRng(options.seed ?? 0);
  const order = Array.from({ length: x.rows }, (_, i) => i);
  const maxIter = options.maxIter ?? 200;
  const tol = options.tol ?? 0.1;
  while (state.iterations < maxIter) {
    throwIfAborted(options.signal);
    rng.shuffle(order);
    let high = Number.NEGATIVE_INFINITY;
    let low = Number.POSITIVE_INFINITY;
    for (const r of order) {
      const y = labels[r] === 1 ? 1 : -1;
      let margin = state.bias;
      for (let k = offsets[r]; k < offsets[r + 1]; k++) margin += v[columns[k]] * z[k];
      const g = y * margin - 1 + alphas[r] * diag;
      const pg = alphas[r] === 0 ? Math.min(g, 0) : g;
      high = Math.max(high, pg);
      low = Math.min(low, pg);
      if (Math.abs(pg) < 1e-12) continue;
      const previous = alphas[r];
      alphas[r] = Math.max(previous - g / qd[r], 0);
      const d = (alphas[r] - previous) * y;
      for (let k = offsets[r]; k < offsets[r + 1]; k++) v[columns[k]] += d * z[k];
      state.bias += d;
    }
    state.iterations++;
    options.onProgress?.({
      stage: 'pass',
      completed: state.iterations,
      total: maxIter,
      metrics: { gap: high - low },
    });
    if (high - low <= tol) break;
    await Promise.resolve();
  }
}
