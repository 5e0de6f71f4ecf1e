import {
  type CalendarFeatureOptions,
  calendarFeatures,
  type Panel,
  type TimeSeries,
} from '@shoppilot/forecast';
import { groupLevel, type RidgeDesignSpec } from './ridge-spec';

/** Calendar values by period, or undefined without calendar features. */
export type CalendarAt = (period: number) => Record<string, number>;

/** Calendar features for every period the panel (plus `horizon`) touches, cached by period. */
export function calendarLookup(
  panel: Pick<Panel, 'axis' | 'series'>,
  options: CalendarFeatureOptions,
  horizon: number,
): CalendarAt {
  const start = Math.min(...panel.series.map((s) => s.start));
  const end = Math.max(...panel.series.map((s) => s.start + s.target.length)) + horizon;
  const features = calendarFeatures(start, end - start, panel.axis, options);
  return (period) => {
    const offset = period - start;
    const inside = offset >= 0 && offset < end - start;
    const own = inside ? undefined : calendarFeatures(period, 1, panel.axis, options);
    return Object.fromEntries(
      features.names.map((name) => [name, own ? own.values[name][0] : features.values[name][offset]]),
    );
  };
}

/** Last observation carried forward (NaN before the first). */
export function carryForward(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let last = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) last = values[i];
    out[i] = last;
  }
  return out;
}

/** One origin of one series. */
export interface RowContext {
  series: TimeSeries;
  carried: Float64Array;
  origin: number;
  calendarAt?: CalendarAt;
}

/**
 * Writes the shared (non-intercept) features of target `origin + step` into `row` (dense, unscaled),
 * exactly as forecast's ridge does; false when a needed value is missing.
 */
export function fillDesignRow(
  row: Float64Array,
  spec: RidgeDesignSpec,
  context: RowContext,
  step: number,
): boolean {
  row.fill(0);
  const { series, origin } = context;
  let column = 0;
  for (const f of spec.future) {
    const raw = series.future[f.name]?.[origin + step] ?? Number.NaN;
    const value = f.transform === 'log' ? Math.log(raw) : raw;
    if (!Number.isFinite(value)) return false;
    if (!f.group || !f.levels) {
      row[column++] = value;
      continue;
    }
    const offset = f.levels.indexOf(groupLevel(series.static, f.group, series.id));
    if (offset >= 0) row[column + offset] = value;
    column += f.levels.length;
  }
  for (const name of spec.past) {
    const value = series.past[name]?.[origin];
    if (value === undefined || Number.isNaN(value)) return false;
    row[column++] = value;
  }
  for (const lag of spec.lags) {
    const value = origin - lag >= 0 ? context.carried[origin - lag] : Number.NaN;
    if (Number.isNaN(value)) return false;
    row[column++] = value;
  }
  for (const window of spec.means) {
    const value = trailingMean(series.target, context.carried, origin, window);
    if (Number.isNaN(value)) return false;
    row[column++] = value;
  }
  row[column + step - 1] = 1;
  column += spec.maxHorizon;
  if (context.calendarAt) {
    const values = context.calendarAt(series.start + origin + step);
    for (const name of spec.calendar) row[column++] = values[name];
  }
  return true;
}

/**
 * Calls `visit(seriesIndex, row, target, origin, step)` (origin as an index into the series) for every usable training example whose target period is
 * at or before `lastPeriod` (forecast's example set: origins after the largest lag, every step).
 */
export function forEachDesignRow(
  panel: Panel,
  spec: RidgeDesignSpec,
  lastPeriod: number,
  calendarAt: CalendarAt | undefined,
  visit: (seriesIndex: number, row: Float64Array, target: number, origin: number, step: number) => void,
): void {
  const row = new Float64Array(spec.columns.length);
  const warmup = Math.max(0, ...spec.lags);
  panel.series.forEach((series, seriesIndex) => {
    const carried = carryForward(series.target);
    const last = Math.min(series.target.length - 1, lastPeriod - series.start);
    for (let origin = warmup; origin < last; origin++) {
      if (Number.isNaN(carried[origin])) continue;
      const context = { series, carried, origin, calendarAt };
      for (let step = 1; step <= spec.maxHorizon && origin + step <= last; step++) {
        const target = series.target[origin + step];
        if (Number.isNaN(target) || !fillDesignRow(row, spec, context, step)) continue;
        visit(seriesIndex, row, target, origin, step);
      }
    }
  });
}

function trailingMean(target: Float64Array, carried: Float64Array, origin: number, window: number): number {
  let sum = 0;
  let count = 0;
  for (let i = Math.max(0, origin - window + 1); i <= origin; i++) {
    if (Number.isNaN(target[i])) continue;
    sum += target[i];
    count++;
  }
  return count ? sum / count : carried[origin];
}
