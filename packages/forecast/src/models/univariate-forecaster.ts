import {
  BaseEstimator,
  InvalidArgumentError,
  InvalidModelJsonError,
  type LongRunningOptions,
  parseModelJson,
  throwIfAborted,
} from '@shoppilot/core';
import { InsufficientHistoryError } from '../errors/insufficient-history-error';
import { periodLabel, type TimeAxis } from '../panel/time-axis';
import { observedCount, type Panel, seriesEnd } from '../panel/types';
import { applyNonnegative } from './nonnegative';
import { checkLevels } from './quantiles';
import {
  allMissingError,
  attemptOrReason,
  SHORT_SERIES_MODEL,
  type ShortSeriesPolicy,
  shortSeriesForecast,
} from './short-series';
import {
  DEFAULT_LEVELS,
  type Forecaster,
  type ForecastResult,
  type PredictOptions,
  type QuantileBand,
  type QuantileForecast,
} from './types';

/** What a univariate model returns for one series. */
export interface SeriesForecast {
  mean: number[];
  /** One band per requested level, same order. */
  quantiles: QuantileBand[];
  warnings?: string[];
}

export interface SeriesContext {
  id: string;
  /** Season length m (1 = no seasonality). */
  seasonLength: number;
}

export interface UnivariateOptions {
  /** Season length m in periods (12 monthly, 52 weekly, 7 daily; 1 = none). Default 1. */
  seasonLength?: number;
  /**
   * A series too short for the model (fewer observed values than it needs, a horizon longer than
   * its history, or a fit that fails on it): `fallback` forecasts it by simple exponential
   * smoothing (`ses`, α by grid search) and says so in its `fallback` and warnings, so it never
   * fails the other series; `error` throws `InsufficientHistoryError` naming the series. An
   * all-missing series is always an error. Default `fallback`.
   */
  shortSeries?: ShortSeriesPolicy;
}

interface FittedSeries<TParams> {
  id: string;
  start: number;
  /** The training values (null marks a missing one, so the state survives JSON). */
  values: Array<number | null>;
  /** Null when the series was too short for the model (`fallback` says why). */
  params: TParams | null;
  fallback?: string;
}

export interface UnivariateState<TParams> {
  axis: TimeAxis;
  series: Array<FittedSeries<TParams>>;
}

/**
 * Base of the per-series models (naive, ETS, Theta, Croston…): fits each series of a panel on its
 * own and forecasts each from its end. Subclasses implement `fitSeries` and `forecastSeries`.
 */
export abstract class UnivariateForecaster<TOptions extends UnivariateOptions, TParams>
  extends BaseEstimator<TOptions, UnivariateState<TParams>>
  implements Forecaster<TOptions, UnivariateState<TParams>>
{
  /** Short model name used in results and tables. */
  abstract readonly name: string;

  /** Learns the parameters of one series (NaN marks a missing value). */
  protected abstract fitSeries(y: Float64Array, context: SeriesContext): TParams;

  /** Forecasts one series from its values and fitted parameters. */
  protected abstract forecastSeries(
    y: Float64Array,
    params: TParams,
    horizon: number,
    levels: readonly number[],
    context: SeriesContext,
  ): SeriesForecast;

  /** Fewest observed values a series needs. */
  protected minObservations(_context: SeriesContext): number {
    return 1;
  }

  protected get seasonLength(): number {
    const m = this.options.seasonLength ?? 1;
    if (!Number.isInteger(m) || m < 1) {
      throw new InvalidArgumentError({
        argument: 'seasonLength',
        message: 'must be an integer >= 1',
        value: m,
      });
    }
    return m;
  }

  fit(panel: Panel, options: LongRunningOptions = {}): this {
    const seasonLength = this.seasonLength;
    const policy = this.options.shortSeries ?? 'fallback';
    const series: Array<FittedSeries<TParams>> = [];
    panel.series.forEach((s, i) => {
      throwIfAborted(options.signal);
      const context = { id: s.id, seasonLength };
      if (observedCount(s.target) === 0) throw allMissingError(s.id);
      const fitted = attemptOrReason(() => {
        this.checkHistory(s.target, context);
        return this.fitSeries(s.target, context);
      }, policy);
      series.push({
        id: s.id,
        start: s.start,
        values: toJsonValues(s.target),
        params: fitted.reason === undefined ? fitted.value : null,
        ...(fitted.reason === undefined ? {} : { fallback: fitted.reason }),
      });
      options.onProgress?.({ stage: 'fit-series', completed: i + 1, total: panel.series.length });
    });
    return this.setState({ axis: panel.axis, series });
  }

  predict(options: PredictOptions): ForecastResult {
    const state = this.requireState();
    const horizon = checkHorizon(options.horizon);
    const levels = checkLevels(options.levels ?? DEFAULT_LEVELS);
    const fitted = new Map(state.series.map((s) => [s.id, s]));
    const inputs = options.history
      ? options.history.series.map((s) => ({ id: s.id, start: s.start, y: s.target }))
      : state.series.map((s) => ({ id: s.id, start: s.start, y: fromJsonValues(s.values) }));
    const forecasts: QuantileForecast[] = inputs.map((input) => {
      throwIfAborted(options.signal);
      const entry = fitted.get(input.id);
      if (!entry) {
        throw new InvalidArgumentError({
          argument: 'history',
          message: `series "${input.id}" was not in the data the model was fitted on`,
          value: input.id,
        });
      }
      return this.forecastOne(input, entry, horizon, levels, state.axis);
    });
    const fallbacks = forecasts.filter((f) => f.fallback).map((f) => `"${f.id}"`);
    const warnings = fallbacks.length
      ? [
          `${fallbacks.length} series too short for ${this.name}, forecast by ${SHORT_SERIES_MODEL}: ${fallbacks.join(', ')}`,
        ]
      : [];
    return applyNonnegative(
      { forecasts, warnings },
      options.nonnegative,
      inputs.map((i) => i.y),
    );
  }

  private forecastOne(
    input: { id: string; start: number; y: Float64Array },
    entry: FittedSeries<TParams>,
    horizon: number,
    levels: readonly number[],
    axis: TimeAxis,
  ): QuantileForecast {
    const policy = this.options.shortSeries ?? 'fallback';
    const context = { id: input.id, seasonLength: this.seasonLength };
    if (observedCount(input.y) === 0) throw allMissingError(input.id);
    const params = entry.params;
    const attempt =
      params === null
        ? { reason: entry.fallback ?? 'not fitted' }
        : attemptOrReason(() => {
            if (horizon > input.y.length) {
              throw new InsufficientHistoryError({
                series: input.id,
                required: horizon,
                available: input.y.length,
                reason: `a horizon of ${horizon} periods`,
              });
            }
            return this.forecastSeries(input.y, params, horizon, levels, context);
          }, policy);
    if (attempt.reason === undefined) return this.toForecast(input, attempt.value, horizon, axis);
    const forecast = this.toForecast(input, shortSeriesForecast(input.y, horizon, levels), horizon, axis);
    forecast.model = SHORT_SERIES_MODEL;
    forecast.fallback = { model: SHORT_SERIES_MODEL, reason: attempt.reason };
    forecast.warnings.push(
      `${this.name} not used: ${attempt.reason.replace(/\.$/, '')}; forecast by ${SHORT_SERIES_MODEL}`,
    );
    return forecast;
  }

  /** The fitted parameters of one series (for inspection and tests). */
  paramsOf(id: string): TParams {
    const entry = this.requireState('paramsOf').series.find((s) => s.id === id);
    if (!entry || entry.params === null)
      throw new InvalidArgumentError({
        argument: 'id',
        message: entry ? `series "${id}" fell back: ${entry.fallback}` : `no fitted series "${id}"`,
        value: id,
      });
    return entry.params;
  }

  private checkHistory(y: Float64Array, context: SeriesContext): void {
    const available = observedCount(y);
    const required = this.minObservations(context);
    if (available < required) {
      throw new InsufficientHistoryError({ series: context.id, required, available, reason: this.name });
    }
  }

  private toForecast(
    input: { id: string; start: number; y: Float64Array },
    result: SeriesForecast,
    horizon: number,
    axis: TimeAxis,
  ): QuantileForecast {
    const first = seriesEnd({ start: input.start, target: input.y } as Parameters<typeof seriesEnd>[0]);
    const periods = Array.from({ length: horizon }, (_, k) => first + k);
    return {
      id: input.id,
      dates: periods.map((p) => periodLabel(p, axis)),
      periods,
      mean: result.mean,
      quantiles: result.quantiles,
      model: this.name,
      warnings: result.warnings ?? [],
    };
  }
}

/** Validates a univariate model's JSON and restores it through `create`. */
export function restoreUnivariate<
  TModel extends UnivariateForecaster<TOptions, TParams>,
  TOptions extends UnivariateOptions,
  TParams,
>(
  json: unknown,
  kind: string,
  create: (options: TOptions) => TModel,
  checkParams: (params: unknown, path: string) => void,
): TModel {
  const parsed = parseModelJson<TOptions, UnivariateState<TParams>>(json, { kind, version: 1 });
  const model = create(parsed.options);
  if (parsed.state === null) return model;
  const state = parsed.state as unknown;
  if (!isRecord(state) || !isRecord(state.axis) || !Array.isArray(state.series)) {
    throw new InvalidModelJsonError({ kind, path: 'state', message: 'expected { axis, series[] }' });
  }
  state.series.forEach((entry: unknown, i: number) => {
    const path = `state.series[${i}]`;
    if (
      !isRecord(entry) ||
      typeof entry.id !== 'string' ||
      typeof entry.start !== 'number' ||
      !Array.isArray(entry.values)
    ) {
      throw new InvalidModelJsonError({ kind, path, message: 'expected { id, start, values, params }' });
    }
    if (entry.params === null && typeof entry.fallback === 'string') return;
    checkParams(entry.params, `${path}.params`);
  });
  return (model as unknown as { setState(s: unknown): TModel }).setState(state);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function checkHorizon(horizon: number): number {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new InvalidArgumentError({
      argument: 'horizon',
      message: 'must be an integer >= 1',
      value: horizon,
    });
  }
  return horizon;
}

function toJsonValues(values: Float64Array): Array<number | null> {
  return Array.from(values, (v) => (Number.isNaN(v) ? null : v));
}

function fromJsonValues(values: ReadonlyArray<number | null>): Float64Array {
  return Float64Array.from(values, (v) => (v === null ? Number.NaN : v));
}

/**
 * A params checker for `restoreUnivariate`: every listed field must be a number or null (null is
 * how JSON stores NaN, e.g. an undefined spread).
 */
export function numericParams(
  kind: string,
  fields: readonly string[],
): (params: unknown, path: string) => void {
  return (params, path) => {
    if (!isRecord(params)) throw new InvalidModelJsonError({ kind, path, message: 'expected an object' });
    for (const field of fields) {
      const value = params[field];
      if (value !== null && typeof value !== 'number') {
        throw new InvalidModelJsonError({ kind, path: `${path}.${field}`, message: 'expected a number' });
      }
    }
  };
}

/** A JSON-restored number: null (NaN in JSON) back to NaN. */
export function num(value: number | null | undefined): number {
  return value === null || value === undefined ? Number.NaN : value;
}
