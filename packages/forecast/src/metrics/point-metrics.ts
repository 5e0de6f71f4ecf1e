import { DimensionMismatchError } from '@shoppilot/core';

/**
 * Accuracy measures over paired actual/forecast values. Pairs whose actual (or forecast) is NaN
 * are left out; every function returns NaN when no pair is left. Percentage-type measures are
 * fractions (0.12 = 12%).
 */

function pairs(actual: ArrayLike<number>, forecast: ArrayLike<number>, what: string): number[] {
  if (actual.length !== forecast.length) {
    throw new DimensionMismatchError({ what, expected: actual.length, actual: forecast.length });
  }
  const out: number[] = [];
  for (let i = 0; i < actual.length; i++)
    if (!Number.isNaN(actual[i]) && !Number.isNaN(forecast[i])) out.push(i);
  return out;
}

function meanOf(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
}

/** Mean absolute error. */
export function mae(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  return meanOf(pairs(actual, forecast, 'mae').map((i) => Math.abs(actual[i] - forecast[i])));
}

/** Root mean squared error. */
export function rmse(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  return Math.sqrt(meanOf(pairs(actual, forecast, 'rmse').map((i) => (actual[i] - forecast[i]) ** 2)));
}

/** Mean absolute percentage error, mean |y - ŷ| / |y| (pairs with y = 0 left out). */
export function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  return meanOf(
    pairs(actual, forecast, 'mape')
      .filter((i) => actual[i] !== 0)
      .map((i) => Math.abs(actual[i] - forecast[i]) / Math.abs(actual[i])),
  );
}

/** Symmetric MAPE, mean 2|y - ŷ| / (|y| + |ŷ|), in [0, 2] (pairs with y = ŷ = 0 count 0). */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  return meanOf(
    pairs(actual, forecast, 'smape').map((i) => {
      const denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
      return denominator === 0 ? 0 : (2 * Math.abs(actual[i] - forecast[i])) / denominator;
    }),
  );
}

/** Weighted absolute percentage error, Σ|y - ŷ| / Σ|y|. */
export function wape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let error = 0;
  let total = 0;
  for (const i of pairs(actual, forecast, 'wape')) {
    error += Math.abs(actual[i] - forecast[i]);
    total += Math.abs(actual[i]);
  }
  return total > 0 ? error / total : Number.NaN;
}

/**
 * In-sample scale of MASE/RMSSE: mean |y_t - y_{t-m}| (power 1) or mean (y_t - y_{t-m})² (power 2)
 * over pairs where both are observed — the error of the seasonal naive forecast (m = 1: naive).
 */
export function naiveScale(insample: ArrayLike<number>, seasonLength = 1, power: 1 | 2 = 1): number {
  const terms: number[] = [];
  for (let t = seasonLength; t < insample.length; t++) {
    const d = insample[t] - insample[t - seasonLength];
    if (!Number.isNaN(d)) terms.push(power === 1 ? Math.abs(d) : d * d);
  }
  return meanOf(terms);
}

/** Mean absolute scaled error (Hyndman & Koehler 2006): MAE / in-sample seasonal-naive MAE. */
export function mase(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  insample: ArrayLike<number>,
  seasonLength = 1,
): number {
  return mae(actual, forecast) / naiveScale(insample, seasonLength, 1);
}

/** Root mean squared scaled error (M5): √(MSE / in-sample seasonal-naive MSE). */
export function rmsse(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  insample: ArrayLike<number>,
  seasonLength = 1,
): number {
  return rmse(actual, forecast) / Math.sqrt(naiveScale(insample, seasonLength, 2));
}
