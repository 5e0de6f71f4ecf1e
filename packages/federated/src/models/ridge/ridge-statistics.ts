import { DimensionMismatchError, InvalidArgumentError } from '@shoppilot/core';
import type { CutoffMoments } from './ridge-moments';

/** Length of one cutoff's statistics for k shared columns: n, Σx, Σx², upper(X̃ᵀX̃), X̃ᵀỹ, ỹᵀỹ. */
export function cutoffStatisticsLength(k: number): number {
  return 1 + 2 * k + (k * (k + 1)) / 2 + k + 1;
}

/** Packs one cutoff's shareable statistics (no per-series sums) into a flat additive vector. */
export function packCutoff(moments: CutoffMoments, k: number, out: Float64Array, offset: number): void {
  let i = offset;
  out[i++] = moments.examples;
  for (let a = 0; a < k; a++) out[i++] = moments.columnSum[a];
  for (let a = 0; a < k; a++) out[i++] = moments.columnSumSquares[a];
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) out[i++] = moments.within[a * k + b];
  for (let a = 0; a < k; a++) out[i++] = moments.withinXy[a];
  out[i] = moments.withinYy;
}

/** The ridge solution from (summed) statistics: coefficients on the raw feature scale and the column scales. */
export interface RidgeSolution {
  /** Unscaled slopes: prediction = intercept + Σ x_j β_j. */
  beta: Float64Array;
  /** Column standard deviations used for the penalty (1 where undefined). */
  scales: Float64Array;
  examples: number;
}

/**
 * Solves (D⁻¹X̃ᵀX̃D⁻¹ + λI) β_s = D⁻¹X̃ᵀỹ with D the columns' standard deviations over all examples
 * (forecast's standardisation), then β = β_s / d. Equal to the central fit's slopes, intercepts
 * profiled out.
 */
export function solveFromStatistics(
  statistics: Float64Array,
  offset: number,
  k: number,
  lambda: number,
): RidgeSolution {
  if (statistics.length < offset + cutoffStatisticsLength(k)) {
    throw new DimensionMismatchError({
      what: 'ridge statistics',
      expected: offset + cutoffStatisticsLength(k),
      actual: statistics.length,
    });
  }
  let i = offset;
  const n = statistics[i++];
  const sum = statistics.subarray(i, i + k);
  const sumSquares = statistics.subarray(i + k, i + 2 * k);
  i += 2 * k;
  const scales = Float64Array.from({ length: k }, (_, j) => {
    if (n < 2) return 1;
    const variance = (sumSquares[j] - (sum[j] * sum[j]) / n) / (n - 1);
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  const a = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    for (let c = r; c < k; c++) {
      const value = statistics[i++] / (scales[r] * scales[c]);
      a[r * k + c] = value;
      a[c * k + r] = value;
    }
    a[r * k + r] += lambda;
  }
  const b = Float64Array.from({ length: k }, (_, j) => statistics[i + j] / scales[j]);
  const betaScaled = choleskySolve(a, b, k);
  return { beta: betaScaled.map((v, j) => v / scales[j]), scales, examples: n };
}

/** Solves A x = b for a symmetric positive definite A (k x k, row-major) by Cholesky. */
export function choleskySolve(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c <= r; c++) {
      let s = a[r * k + c];
      for (let m = 0; m < c; m++) s -= l[r * k + m] * l[c * k + m];
      if (r === c) {
        if (!(s > 0))
          throw new InvalidArgumentError({
            argument: 'statistics',
            message: `matrix not positive definite at column ${r} (use lambda > 0)`,
            value: s,
          });
        l[r * k + r] = Math.sqrt(s);
      } else {
        l[r * k + c] = s / l[c * k + c];
      }
    }
  }
  const y = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    let s = b[r];
    for (let m = 0; m < r; m++) s -= l[r * k + m] * y[m];
    y[r] = s / l[r * k + r];
  }
  const x = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = y[r];
    for (let m = r + 1; m < k; m++) s -= l[m * k + r] * x[m];
    x[r] = s / l[r * k + r];
  }
  return x;
}
