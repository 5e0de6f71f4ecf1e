import { DimensionMismatchError, InvalidArgumentError } from '@shoppilot/core';

/**
 * Forecast-for-inventory error measures (as in R greybox's `sPIS` and `sCE`):
 * - sPIS, scaled Periods In Stock (Wallström & Segerstedt 2010, IJPE 128: 625-636; scaled by
 *   Kourentzes 2014, IJPE 156: 180-190): PIS = sum_t sum_{i<=t} (f_i - y_i), the units x periods an
 *   order-up-to-forecast stock would have held (> 0) or owed (< 0), divided by `scale`.
 * - sCE, scaled Cumulative Error: sum_t (f_t - y_t) / scale (Petropoulos & Kourentzes 2015, JORS 66:
 *   914-924): the bias, > 0 when the forecast is too high.
 * `scale` is usually the mean absolute non-zero in-sample demand (see `inSampleScale`).
 */
export function scaledPeriodsInStock(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  scale: number,
): number {
  check(actual, forecast, scale);
  let cumulative = 0;
  let pis = 0;
  for (let t = 0; t < actual.length; t++) {
    cumulative += forecast[t] - actual[t];
    pis += cumulative;
  }
  return pis / scale;
}

export function scaledCumulativeError(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  scale: number,
): number {
  check(actual, forecast, scale);
  let total = 0;
  for (let t = 0; t < actual.length; t++) total += forecast[t] - actual[t];
  return total / scale;
}

/** Mean absolute value of the non-zero, non-NaN values (greybox's suggested scale); NaN when none. */
export function inSampleScale(history: ArrayLike<number>): number {
  let total = 0;
  let count = 0;
  for (let i = 0; i < history.length; i++) {
    const value = history[i];
    if (value !== 0 && !Number.isNaN(value)) {
      total += Math.abs(value);
      count++;
    }
  }
  return count ? total / count : Number.NaN;
}

function check(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): void {
  if (actual.length !== forecast.length) {
    throw new DimensionMismatchError({
      what: 'actual and forecast',
      expected: actual.length,
      actual: forecast.length,
    });
  }
  if (!(scale > 0))
    throw new InvalidArgumentError({ argument: 'scale', message: 'must be > 0', value: scale });
}
