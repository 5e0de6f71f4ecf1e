import { InvalidArgumentError } from '@shoppilot/core';

export type DecomposeType = 'additive' | 'multiplicative';

export interface ClassicalDecomposition {
  /** Centred moving average (NaN at the ends). */
  trend: Float64Array;
  /** The seasonal figure repeated over the series (figure[0] = phase of the first value). */
  seasonal: Float64Array;
  /** One value per season position, normalised to mean 0 (additive) or 1 (multiplicative). */
  figure: Float64Array;
}

/**
 * Classical decomposition by moving averages (as R's `decompose`): a centred 2×m (even m) or m
 * (odd m) moving average for the trend, the de-trended values averaged per season position,
 * normalised. Needs at least two full seasons.
 */
export function classicalDecomposition(
  x: ArrayLike<number>,
  m: number,
  type: DecomposeType,
): ClassicalDecomposition {
  const n = x.length;
  if (m <= 1 || n < 2 * m) {
    throw new InvalidArgumentError({
      argument: 'x',
      message: `needs at least 2 seasons of ${m} values (got ${n})`,
      value: n,
    });
  }
  const weights =
    m % 2 === 0 ? [0.5, ...new Array(m - 1).fill(1), 0.5].map((w) => w / m) : new Array(m).fill(1 / m);
  const half = Math.floor(weights.length / 2);
  const trend = new Float64Array(n).fill(Number.NaN);
  for (let i = half; i < n - half; i++) {
    let sum = 0;
    for (let j = -half; j <= half; j++) sum += weights[j + half] * x[i + j];
    trend[i] = sum;
  }
  const figure = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = 0;
    let count = 0;
    for (let t = i; t < n; t += m) {
      const value = type === 'additive' ? x[t] - trend[t] : x[t] / trend[t];
      if (Number.isNaN(value)) continue;
      sum += value;
      count++;
    }
    figure[i] = sum / count;
  }
  const average = figure.reduce((a, b) => a + b, 0) / m;
  for (let i = 0; i < m; i++) figure[i] = type === 'additive' ? figure[i] - average : figure[i] / average;
  const seasonal = Float64Array.from({ length: n }, (_, t) => figure[t % m]);
  return { trend, seasonal, figure };
}

/** Ordinary least squares of y on [1, x]: { intercept, slope }. */
export function simpleRegression(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): { intercept: number; slope: number } {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: my - slope * mx, slope };
}

/** Linear interpolation of NaN gaps (ends take the nearest observed value). */
export function interpolateMissing(y: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(y);
  let previous = -1;
  for (let i = 0; i <= out.length; i++) {
    if (i < out.length && Number.isNaN(out[i])) continue;
    const from = previous;
    const to = i;
    for (let k = from + 1; k < to; k++) {
      if (from < 0) out[k] = out[to];
      else if (to >= out.length) out[k] = out[from];
      else out[k] = out[from] + ((out[to] - out[from]) * (k - from)) / (to - from);
    }
    previous = i;
  }
  return out;
}
