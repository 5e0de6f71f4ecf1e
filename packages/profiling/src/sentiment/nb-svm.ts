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
  const diag = 0.5 / C;
  const w = new Float64Array(size);
  let bias = 0;
  const alphas = new Float64Array(x.rows);
  const qd = new Float64Array(x.rows);
  const { offsets, indices, values } = x;
  for (let r = 0; r < x.rows; r++) {
    let sq = 1 + diag;
    for (let k = offsets[r]; k < offsets[r + 1]; k++) {
      const v = ratios[indices[k]] * (values ? values[k] : 1);
      sq += v * v;
    }
    qd[r] = sq;
  }
  const rng = createRng(options.seed ?? 0);
  const order = Array.from({ length: x.rows }, (_, i) => i);
  const maxIter = options.maxIter ?? 200;
  const tol = options.tol ?? 0.1;
  let iterations = 0;
  while (iterations < maxIter) {
    throwIfAborted(options.signal);
    rng.shuffle(order);
    let high = Number.NEGATIVE_INFINITY;
    let low = Number.POSITIVE_INFINITY;
    for (const r of order) {
      const y = labels[r] === 1 ? 1 : -1;
      let margin = bias;
      for (let k = offsets[r]; k < offsets[r + 1]; k++)
        margin += w[indices[k]] * ratios[indices[k]] * (values ? values[k] : 1);
      const g = y * margin - 1 + alphas[r] * diag;
      const pg = alphas[r] === 0 ? Math.min(g, 0) : g;
      high = Math.max(high, pg);
      low = Math.min(low, pg);
      if (Math.abs(pg) < 1e-12) continue;
      const previous = alphas[r];
      alphas[r] = Math.max(previous - g / qd[r], 0);
      const d = (alphas[r] - previous) * y;
      for (let k = offsets[r]; k < offsets[r + 1]; k++)
        w[indices[k]] += d * ratios[indices[k]] * (values ? values[k] : 1);
      bias += d;
    }
    iterations++;
    options.onProgress?.({
      stage: 'pass',
      completed: iterations,
      total: maxIter,
      metrics: { gap: high - low },
    });
    if (high - low <= tol) break;
    await Promise.resolve();
  }
  interpolate(w, ratios, options.interpolation ?? 0.25);
  return { ...fold(w, ratios, bias), iterations };
}
