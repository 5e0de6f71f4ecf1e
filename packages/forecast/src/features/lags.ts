import { InvalidArgumentError } from '@shoppilot/core';

/** Summary used by rolling features. */
export type RollingStatistic = 'mean' | 'sum' | 'min' | 'max' | 'std';

/**
 * `out[t] = values[t - lag]` (NaN before the start). `lag` must be >= 1 so that the feature at
 * time t never contains the value at t or later.
 */
export function lagFeature(values: ArrayLike<number>, lag: number): Float64Array {
  checkLag(lag);
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let t = lag; t < values.length; t++) out[t] = values[t - lag];
  return out;
}

export interface RollingFeatureOptions {
  /** Values summarised. */
  window: number;
  /** Default `mean`. */
  statistic?: RollingStatistic;
  /** Distance between t and the newest value used. Default 1 (the window ends at t-1). */
  lag?: number;
}

/**
 * `out[t]` summarises `values[t-lag-window+1 .. t-lag]`, skipping NaN (NaN when nothing is
 * observed there). With `lag >= 1` no value at or after t enters the feature at t.
 */
export function rollingFeature(values: ArrayLike<number>, options: RollingFeatureOptions): Float64Array {
  const { window, statistic = 'mean', lag = 1 } = options;
  checkLag(lag);
  if (!Number.isInteger(window) || window < 1) {
    throw new InvalidArgumentError({ argument: 'window', message: 'must be an integer >= 1', value: window });
  }
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let t = 0; t < values.length; t++) {
    const to = t - lag;
    const from = Math.max(0, to - window + 1);
    if (to < 0) continue;
    out[t] = summarise(values, from, to, statistic);
  }
  return out;
}

function summarise(values: ArrayLike<number>, from: number, to: number, statistic: RollingStatistic): number {
  let count = 0;
  let sum = 0;
  let sumSquares = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let j = from; j <= to; j++) {
    const value = values[j];
    if (Number.isNaN(value)) continue;
    count++;
    sum += value;
    sumSquares += value * value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (count === 0) return Number.NaN;
  switch (statistic) {
    case 'mean':
      return sum / count;
    case 'sum':
      return sum;
    case 'min':
      return min;
    case 'max':
      return max;
    case 'std':
      return count > 1
        ? Math.sqrt(Math.max(0, (sumSquares - (sum * sum) / count) / (count - 1)))
        : Number.NaN;
  }
}

function checkLag(lag: number): void {
  if (!Number.isInteger(lag) || lag < 1) {
    throw new InvalidArgumentError({
      argument: 'lag',
      message: 'must be an integer >= 1 (lag 0 would leak the value being predicted)',
      value: lag,
    });
  }
}
