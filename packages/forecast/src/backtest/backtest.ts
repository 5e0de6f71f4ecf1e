import { type LongRunningOptions, throwIfAborted, yieldToEventLoop } from '@shoppilot/core';
import { MissingFutureCovariateError } from '../errors/missing-future-covariate-error';
import type { Forecaster, QuantileForecast } from '../models/types';
import { type FutureCovariates, futureFromPanel, futureWindow } from '../panel/future-covariates';
import { truncatePanel } from '../panel/panel-ops';
import { periodLabel } from '../panel/time-axis';
import { observedCount, type Panel, type TimeSeries } from '../panel/types';
import { accumulate, type ModelScore, newAccumulator, summarise } from './score';
import { planWindows, type WindowPlanOptions } from './window-plan';

/** A model to evaluate: a name and a factory for a fresh, unfitted instance. */
export interface BacktestModel {
  name: string;
  create: () => Forecaster;
}

/** `every-window` refits at each origin; `first-window` fits once and then only updates the history. */
export type RefitPolicy = 'every-window' | 'first-window';

export interface BacktestOptions extends WindowPlanOptions, LongRunningOptions {
  /** Default `every-window`. */
  refit?: RefitPolicy;
  /** Quantile levels asked of every model. Default [0.1, 0.5, 0.9] (coverage80 uses 0.1 and 0.9). */
  levels?: readonly number[];
  /** Season length m of the MASE/RMSSE scale (1 = one-step naive). Default 1. */
  seasonLength?: number;
  /** Known future covariates; default the panel's own (cut at each window's end). */
  future?: FutureCovariates;
  /** Keep every forecast in the result. Default false. */
  keepForecasts?: boolean;
  /** Clip forecasts at 0 (see `PredictOptions.nonnegative`; not for log targets). Default false. */
  nonnegative?: boolean;
}

export interface BacktestResult {
  horizon: number;
  windows: number;
  step: number;
  /** Labels of the forecast origins (last period used for training). */
  origins: string[];
  /** Distinct series scored in at least one window. */
  series: number;
  models: ModelScore[];
  /** Series left out of a window, with the reason (nothing is dropped silently). */
  skipped: Array<{ window: number; id: string; reason: string }>;
  forecasts?: Array<{ model: string; window: number; forecasts: QuantileForecast[] }>;
}

/**
 * Rolling-origin evaluation (Tashman 2000): at each origin every model sees the panel cut at the
 * origin — nothing later — and forecasts the next `horizon` periods, scored against what happened.
 */
export async function backtest(
  panel: Panel,
  models: readonly BacktestModel[],
  options: BacktestOptions,
): Promise<BacktestResult> {
  const origins = planWindows(panel, options);
  const { horizon } = options;
  const levels = options.levels ?? [0.1, 0.5, 0.9];
  const future = options.future ?? futureFromPanel(panel);
  const skipped: BacktestResult['skipped'] = [];
  const windows = origins.map((origin, w) => prepareWindow(panel, origin, horizon, w, skipped, future));
  const scored = new Set<string>();
  const result: BacktestResult = {
    horizon,
    windows: origins.length,
    step: options.step ?? horizon,
    origins: origins.map((o) => periodLabel(o, panel.axis)),
    series: 0,
    models: [],
    skipped,
    forecasts: options.keepForecasts ? [] : undefined,
  };
  for (const [index, spec] of models.entries()) {
    const accumulator = newAccumulator(spec.name, levels);
    let model: Forecaster | undefined;
    for (const [w, window] of windows.entries()) {
      throwIfAborted(options.signal);
      const started = performance.now();
      if (!model || (options.refit ?? 'every-window') === 'every-window') {
        model = spec.create();
        await model.fit(window.train, { signal: options.signal });
      }
      const prediction = await model.predict({
        horizon,
        levels,
        history: window.train,
        future: cutFuture(future, window.origin + horizon),
        nonnegative: options.nonnegative,
        signal: options.signal,
      });
      accumulator.seconds += (performance.now() - started) / 1000;
      for (const forecast of prediction.forecasts) {
        const actual = window.actuals.get(forecast.id);
        const history = window.trainById.get(forecast.id);
        if (!actual || !history) continue;
        accumulate(accumulator, forecast, actual, history.target, options.seasonLength ?? 1);
        scored.add(forecast.id);
      }
      result.forecasts?.push({ model: spec.name, window: w, forecasts: prediction.forecasts });
      options.onProgress?.({
        stage: 'backtest-window',
        completed: index * windows.length + w + 1,
        total: models.length * windows.length,
        message: `${spec.name} window ${w + 1}`,
      });
      await yieldToEventLoop();
    }
    result.models.push(summarise(accumulator));
  }
  result.series = scored.size;
  return result;
}

interface Window {
  origin: number;
  train: Panel;
  trainById: Map<string, TimeSeries>;
  /** Actual values over the horizon per scored series. */
  actuals: Map<string, Float64Array>;
}

function prepareWindow(
  panel: Panel,
  origin: number,
  horizon: number,
  w: number,
  skipped: BacktestResult['skipped'],
  future: FutureCovariates,
): Window {
  const { panel: cut, dropped } = truncatePanel(panel, origin);
  for (const d of dropped) skipped.push({ window: w, id: d.id, reason: d.reason });
  const actuals = new Map<string, Float64Array>();
  const kept: TimeSeries[] = [];
  const original = new Map(panel.series.map((s) => [s.id, s]));
  for (const s of cut.series) {
    const full = original.get(s.id)!;
    const actual = Float64Array.from({ length: horizon }, (_, k) => {
      const index = origin + 1 + k - full.start;
      return index < full.target.length ? full.target[index] : Number.NaN;
    });
    if (observedCount(actual) === 0) {
      skipped.push({ window: w, id: s.id, reason: 'no observed value in the test window' });
      continue;
    }
    if (s.target.length < horizon) {
      skipped.push({
        window: w,
        id: s.id,
        reason: `history of ${s.target.length} periods is shorter than the horizon ${horizon}`,
      });
      continue;
    }
    const uncovered = missingPlans(future, s.id, panel.covariates.future, origin, horizon, panel);
    if (uncovered) {
      skipped.push({ window: w, id: s.id, reason: uncovered });
      continue;
    }
    kept.push(s);
    actuals.set(s.id, actual);
  }
  const train = { ...cut, series: kept };
  return { origin, train, trainById: new Map(kept.map((s) => [s.id, s])), actuals };
}

/** Why a series cannot be scored on equal terms: a future covariate unknown over the window. */
function missingPlans(
  future: FutureCovariates,
  id: string,
  names: readonly string[],
  origin: number,
  horizon: number,
  panel: Panel,
): string | undefined {
  for (const name of names) {
    try {
      futureWindow(future, id, [name], origin + 1, horizon, panel.axis);
    } catch (error) {
      if (MissingFutureCovariateError.isInstance(error)) {
        return `future covariate "${name}" unknown at ${error.missingDates.join(', ')} (every model is scored on the same series)`;
      }
      throw error;
    }
  }
  return undefined;
}

/** Future covariates known at most up to `last` (the end of the window being forecast). */
function cutFuture(future: FutureCovariates, last: number): FutureCovariates {
  const series = new Map<string, { start: number; values: Record<string, Float64Array> }>();
  for (const [id, entry] of future.series) {
    const length = Math.max(0, Math.min(Object.values(entry.values)[0]?.length ?? 0, last - entry.start + 1));
    const values: Record<string, Float64Array> = {};
    for (const [name, column] of Object.entries(entry.values)) values[name] = column.slice(0, length);
    series.set(id, { start: entry.start, values });
  }
  return { axis: future.axis, series };
}
