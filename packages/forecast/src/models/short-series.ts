import { InsufficientHistoryError } from '../errors/insufficient-history-error';
import { predictEts } from './ets/ets-predict';
import { shortSeriesFit } from './ets/ets-select';
import type { QuantileBand } from './types';

/** What a per-series model does with a series too short for it. */
export type ShortSeriesPolicy = 'fallback' | 'error';

/** Name of the model that forecasts series too short for the requested one. */
export const SHORT_SERIES_MODEL = 'ses';

/**
 * The forecast of a series too short for the requested model: simple exponential smoothing with α
 * by grid search from the first observed value (`shortSeriesFit`), Gaussian intervals from its
 * one-step errors (zero width with a single observation). Needs one observed value.
 */
export function shortSeriesForecast(
  y: ArrayLike<number>,
  horizon: number,
  levels: readonly number[],
): { mean: number[]; quantiles: QuantileBand[] } {
  const prediction = predictEts(shortSeriesFit(y), y, horizon, levels);
  return { mean: prediction.mean, quantiles: prediction.quantiles };
}

/**
 * Runs `attempt`; under the `fallback` policy an `InsufficientHistoryError` (the series is too
 * short for the model) becomes a reason string instead of an error, so one short series never
 * fails the others. Other errors (bad data, an abort) are thrown as they are.
 */
export function attemptOrReason<T>(
  attempt: () => T,
  policy: ShortSeriesPolicy,
): { value: T; reason?: undefined } | { value?: undefined; reason: string } {
  try {
    return { value: attempt() };
  } catch (error) {
    if (policy === 'error' || !InsufficientHistoryError.isInstance(error)) throw error;
    return { reason: error.message };
  }
}

/** The typed error for a series with no observed value at all (no model, not even the fallback, can use it). */
export function allMissingError(id: string): InsufficientHistoryError {
  return new InsufficientHistoryError({
    series: id,
    required: 1,
    available: 0,
    reason: 'every model (the series is all missing)',
  });
}
