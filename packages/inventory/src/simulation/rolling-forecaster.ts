import { InvalidArgumentError } from '@shoppilot/core';

/** Demand over the next `horizon` periods as samples, plus the per-period mean. */
export interface WindowForecast {
  /** Per-period mean demand forecast. */
  mean: number;
  /** Samples of total demand over the horizon, sorted ascending (a view into a reused buffer). */
  samples: Float64Array;
  /** The type-7 p-quantile of the samples, when the forecaster can give it without sorting. */
  quantile?(p: number): number;
}

/**
 * Forecasts one SKU's demand over the next `horizon` periods from its past demand (NaN = unobserved);
 * the current period is `history.length`. It may use nothing but `history` and information known in
 * advance (e.g. a promotion calendar) for that SKU.
 */
export interface WindowForecaster {
  readonly name: string;
  forecast(history: Float64Array, horizon: number, sku: number): WindowForecast;
}

export interface RollingEmpiricalOptions {
  /** Observed periods used (the most recent). Default 52. */
  window?: number;
}

/**
 * A rolling empirical-quantile forecaster: the last `window` observed periods (unobserved periods
 * skipped), the per-period mean of that window, and as the distribution of demand over the next H
 * periods the W - H + 1 overlapping H-period sums in the window (a block bootstrap that keeps
 * short-range autocorrelation). No model, no look-ahead: it reads only the history it is given.
 */
export function rollingEmpiricalForecaster(options: RollingEmpiricalOptions = {}): WindowForecaster {
  const window = options.window ?? 52;
  if (!Number.isInteger(window) || window < 1) {
    throw new InvalidArgumentError({
      argument: 'window',
      message: 'must be a whole number >= 1',
      value: window,
    });
  }
  const recent = new Float64Array(window);
  const sums = new Float64Array(window);
  return {
    name: `rolling-empirical(${window})`,
    forecast(history, horizon) {
      let count = 0;
      for (let t = history.length - 1; t >= 0 && count < window; t--) {
        const value = history[t];
        if (!Number.isNaN(value)) recent[window - 1 - count++] = value;
      }
      const values = recent.subarray(window - count);
      if (count === 0) return { mean: 0, samples: sums.subarray(0, 0) };
      let total = 0;
      for (let k = 0; k < count; k++) total += values[k];
      const mean = total / count;
      // Samples are built on first read: policies that need only the mean skip the sort.
      let samples: Float64Array | undefined;
      return {
        mean,
        get samples() {
          samples ??= blockSums(values, horizon, mean, sums);
          return samples;
        },
        quantile(p: number) {
          if (samples) return sortedSampleQuantile(samples, p);
          const unsorted = blockSums(values, horizon, mean, sums, false);
          return selectQuantile(unsorted, p);
        },
      };
    },
  };
}

/** Sorted overlapping `horizon`-period sums of `values` (the mean x horizon when too short). */
function blockSums(
  values: Float64Array,
  horizon: number,
  mean: number,
  sums: Float64Array,
  sort = true,
): Float64Array {
  const count = values.length;
  if (count < horizon) {
    sums[0] = mean * horizon;
    return sums.subarray(0, 1);
  }
  let block = 0;
  for (let k = 0; k < horizon; k++) block += values[k];
  const m = count - horizon + 1;
  sums[0] = block;
  for (let k = 1; k < m; k++) {
    block += values[k + horizon - 1] - values[k - 1];
    sums[k] = block;
  }
  const samples = sums.subarray(0, m);
  if (sort) samples.sort();
  return samples;
}

/** Type-7 quantile by selection (Hoare's quickselect, O(n)); reorders `values` in place. */
export function selectQuantile(values: Float64Array, p: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const position = (n - 1) * p;
  const k = Math.floor(position);
  const lower = select(values, k);
  if (k + 1 >= n || position === k) return lower;
  let upper = Number.POSITIVE_INFINITY;
  for (let i = k + 1; i < n; i++) if (values[i] < upper) upper = values[i];
  return lower + (position - k) * (upper - lower);
}

/** Puts the k-th smallest at index k, smaller before it and larger after it; returns it. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}

/**
 * Quantile of sorted samples by linear interpolation between order statistics (R's default, type 7),
 * so that the level moves continuously with p even for a few dozen samples.
 */
export function sortedSampleQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const position = (n - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.min(n - 1, lower + 1);
  return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
}

/** Mean of (x_i - level)^+ over sorted samples. */
export function sortedSampleLoss(sorted: Float64Array, level: number): number {
  let total = 0;
  for (let k = sorted.length - 1; k >= 0 && sorted[k] > level; k--) total += sorted[k] - level;
  return sorted.length ? total / sorted.length : 0;
}
