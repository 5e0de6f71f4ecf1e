import type { TimeSeries } from '../../panel/types';
import { groupLevel, type RidgeLayout, type SparseRow, transform } from './ridge-design';

/** Everything a row needs about one series at one origin. */
export interface OriginContext {
  seriesIndex: number;
  series: TimeSeries;
  /** Target with missing values carried forward (for lags and means). */
  carried: Float64Array;
  /** Index of the origin in the series arrays. */
  origin: number;
  /** Calendar values by name for a period, or undefined without calendar features. */
  calendarAt?: (period: number) => Record<string, number>;
}

/** Future covariate values at the target period (from history when training, from plans when predicting). */
export type FutureAt = (name: string, step: number) => number;

/**
 * Writes the (unscaled) features of target `origin + step` into `row`. Returns false when a
 * needed value is missing (the example is not usable).
 */
export function fillRow(
  row: SparseRow,
  layout: RidgeLayout,
  context: OriginContext,
  step: number,
  futureAt: FutureAt,
): boolean {
  row.count = 0;
  const push = (index: number, value: number) => {
    row.indices[row.count] = index;
    row.values[row.count] = value;
    row.count++;
  };
  let column = layout.seriesIds.length;
  push(context.seriesIndex, 1);
  for (const f of layout.future) {
    const value = transform(futureAt(f.name, step), f.transform);
    if (!Number.isFinite(value)) return false;
    if (!f.group || !f.levels) {
      push(column++, value);
      continue;
    }
    const level = groupLevel(context.series.static, f.group, context.series.id);
    const offset = f.levels.indexOf(level);
    if (offset >= 0) push(column + offset, value);
    column += f.levels.length;
  }
  for (const name of layout.past) {
    const value = context.series.past[name]?.[context.origin];
    if (value === undefined || Number.isNaN(value)) return false;
    push(column++, value);
  }
  for (const lag of layout.lags) {
    const index = context.origin - lag;
    const value = index >= 0 ? context.carried[index] : Number.NaN;
    if (Number.isNaN(value)) return false;
    push(column++, value);
  }
  for (const window of layout.means) {
    const value = trailingMean(context.series.target, context.carried, context.origin, window);
    if (Number.isNaN(value)) return false;
    push(column++, value);
  }
  push(column + step - 1, 1);
  column += layout.maxHorizon;
  if (context.calendarAt) {
    const values = context.calendarAt(context.series.start + context.origin + step);
    for (const name of layout.calendar) push(column++, values[name]);
  }
  return true;
}

/** Mean of the observed values in (origin - window, origin]; the carried value when none. */
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

/** Last observation carried forward (NaN before the first one). */
export function carryForward(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let last = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) last = values[i];
    out[i] = last;
  }
  return out;
}
