/** Root mean square of the finite entries (NaN when none). */
export function rootMeanSquare(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    sum += values[i] * values[i];
    count++;
  }
  return count ? Math.sqrt(sum / count) : Number.NaN;
}

/** Index of the last observed (non-NaN) value, or -1. */
export function lastObserved(y: ArrayLike<number>): number {
  for (let i = y.length - 1; i >= 0; i--) if (!Number.isNaN(y[i])) return i;
  return -1;
}

/** Residuals y[t] - y[t-lag] where both are observed (NaN elsewhere). */
export function laggedDifferences(y: ArrayLike<number>, lag: number): Float64Array {
  const out = new Float64Array(y.length).fill(Number.NaN);
  for (let t = lag; t < y.length; t++) out[t] = y[t] - y[t - lag];
  return out;
}
