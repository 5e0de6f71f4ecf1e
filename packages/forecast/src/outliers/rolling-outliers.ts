import { InvalidArgumentError } from '@shoppilot/core';
import { mean, median, medianAbsoluteDeviation, sampleStandardDeviation } from 'simple-statistics';

/** `sigma`: rolling mean ± k·sd (the 3-sigma rule). `mad`: rolling median ± k·1.4826·MAD (robust). */
export type OutlierMethod = 'sigma' | 'mad';
/** `flag` only reports; `clip` moves the point to the nearest bound; `replace` sets it to the rolling centre. */
export type OutlierAction = 'flag' | 'clip' | 'replace';

export interface OutlierOptions {
  /** Default `sigma`. */
  method?: OutlierMethod;
  /** Bound width in (robust) standard deviations. Default 3. */
  threshold?: number;
  /** Odd centred window length; the point itself is left out of its own statistics. Default 13. */
  window?: number;
  /** Default `flag`. */
  action?: OutlierAction;
  /** Fewest observed neighbours needed to judge a point. Default 4. */
  minNeighbours?: number;
}

export interface OutlierPoint {
  /** Position in the input. */
  index: number;
  /** The original value. */
  value: number;
  /** Rolling centre (mean or median of the neighbours). */
  center: number;
  lower: number;
  upper: number;
  /** The value written back (equal to `value` for `flag`). */
  replacement: number;
}

export interface OutlierResult {
  /** The values after the action (a copy; the input is not modified). */
  values: Float64Array;
  /** Every point outside its bounds. */
  outliers: OutlierPoint[];
  /** Points whose value was changed (0 for `flag`). */
  changed: number;
}

/**
 * Finds outliers against rolling statistics of each point's neighbours, so a trend or level
 * shift is not mistaken for an outlier. NaN values are skipped and never changed.
 */
export function detectOutliers(values: ArrayLike<number>, options: OutlierOptions = {}): OutlierResult {
  const { method = 'sigma', threshold = 3, window = 13, action = 'flag', minNeighbours = 4 } = options;
  if (!(window >= 3) || window % 2 !== 1) {
    throw new InvalidArgumentError({
      argument: 'window',
      message: 'must be an odd integer >= 3',
      value: window,
    });
  }
  if (!(threshold > 0))
    throw new InvalidArgumentError({ argument: 'threshold', message: 'must be > 0', value: threshold });
  const half = (window - 1) / 2;
  const out = Float64Array.from(values);
  const outliers: OutlierPoint[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Number.isNaN(value)) continue;
    const neighbours = neighbourhood(values, i, half);
    if (neighbours.length < minNeighbours) continue;
    const { center, scale } = statistics(neighbours, method);
    const lower = center - threshold * scale;
    const upper = center + threshold * scale;
    if (value >= lower && value <= upper) continue;
    const replacement =
      action === 'flag' ? value : action === 'replace' ? center : value < lower ? lower : upper;
    out[i] = replacement;
    outliers.push({ index: i, value, center, lower, upper, replacement });
  }
  return { values: out, outliers, changed: action === 'flag' ? 0 : outliers.length };
}

function neighbourhood(values: ArrayLike<number>, i: number, half: number): number[] {
  // Near the ends the window shifts inward so it keeps its length.
  let from = Math.max(0, i - half);
  const to = Math.min(values.length - 1, from + 2 * half);
  from = Math.max(0, to - 2 * half);
  const out: number[] = [];
  for (let j = from; j <= to; j++) if (j !== i && !Number.isNaN(values[j])) out.push(values[j]);
  return out;
}

function statistics(sample: number[], method: OutlierMethod): { center: number; scale: number } {
  if (method === 'mad')
    return { center: median(sample), scale: 1.482602218505602 * medianAbsoluteDeviation(sample) };
  return { center: mean(sample), scale: sampleStandardDeviation(sample) };
}
