import type { ForecastResult } from './types';

/**
 * With `nonnegative`, clips the mean and every quantile of every forecast at 0 in place (clipping
 * is monotone, so quantiles stay ordered) and says how many values changed. When a history has
 * negative values (a log or differenced target, where negatives are real) the result warns that
 * clipping is meant for targets in units.
 */
export function applyNonnegative(
  result: ForecastResult,
  nonnegative: boolean | undefined,
  histories: Iterable<ArrayLike<number | null>> = [],
): ForecastResult {
  if (!nonnegative) return result;
  let clipped = 0;
  const clip = (values: number[]) => {
    for (let i = 0; i < values.length; i++) {
      if (values[i] < 0) {
        values[i] = 0;
        clipped++;
      }
    }
  };
  for (const forecast of result.forecasts) {
    clip(forecast.mean);
    for (const band of forecast.quantiles) clip(band.values);
  }
  if (clipped) result.warnings.push(`nonnegative: ${clipped} forecast value(s) below 0 set to 0`);
  if (hasNegative(histories)) {
    result.warnings.push(
      'nonnegative: the target history has negative values (a log target?); clipping at 0 is meant for units — forecast units or clip after back-transforming',
    );
  }
  return result;
}

function hasNegative(histories: Iterable<ArrayLike<number | null>>): boolean {
  for (const values of histories) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== null && v < 0) return true;
    }
  }
  return false;
}
