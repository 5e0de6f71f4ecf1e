import type { Panel, TimeSeries } from '../../panel/types';
import { newRow, type RidgeLayout } from './ridge-design';
import { carryForward, fillRow, type OriginContext } from './ridge-rows';
import { NormalEquations } from './sparse-normal-equations';

export type CalendarLookup = (period: number) => Record<string, number>;

/**
 * Calls `visit` for every usable training example (series, origin, step) whose target period is at
 * or before `lastPeriod`. The row passed is reused between calls.
 */
export function forEachExample(
  panel: Panel,
  layout: RidgeLayout,
  calendarAt: CalendarLookup | undefined,
  lastPeriod: number,
  visit: (row: ReturnType<typeof newRow>, target: number) => void,
): void {
  const row = newRow(layout.columns.length);
  const index = new Map(layout.seriesIds.map((id, i) => [id, i]));
  const warmup = Math.max(0, ...layout.lags);
  for (const series of panel.series) {
    const seriesIndex = index.get(series.id);
    if (seriesIndex === undefined) continue;
    const carried = carryForward(series.target);
    const last = Math.min(series.target.length - 1, lastPeriod - series.start);
    for (let origin = warmup; origin < last; origin++) {
      if (Number.isNaN(carried[origin])) continue;
      const context: OriginContext = { seriesIndex, series, carried, origin, calendarAt };
      for (let step = 1; step <= layout.maxHorizon && origin + step <= last; step++) {
        const target = series.target[origin + step];
        if (Number.isNaN(target)) continue;
        if (
          !fillRow(row, layout, context, step, (name, k) => series.future[name]?.[origin + k] ?? Number.NaN)
        )
          continue;
        visit(row, target);
      }
    }
  }
}

/**
 * Ridge regression over the panel's examples: non-intercept columns are divided by their standard
 * deviation, every coefficient except the series intercepts is penalised by `lambda`. Returns
 * coefficients on the scaled columns and sets `layout.scales`.
 */
export function fitRidgeCoefficients(
  panel: Panel,
  layout: RidgeLayout,
  lambda: number,
  calendarAt: CalendarLookup | undefined,
  lastPeriod: number,
): { coefficients: Float64Array; examples: number } {
  const p = layout.columns.length;
  const sum = new Float64Array(p);
  const sumSquares = new Float64Array(p);
  let examples = 0;
  forEachExample(panel, layout, calendarAt, lastPeriod, (row) => {
    examples++;
    for (let a = 0; a < row.count; a++) {
      sum[row.indices[a]] += row.values[a];
      sumSquares[row.indices[a]] += row.values[a] ** 2;
    }
  });
  const intercepts = layout.seriesIds.length;
  layout.scales = Array.from({ length: p }, (_, j) => {
    if (j < intercepts || examples < 2) return 1;
    const variance = (sumSquares[j] - (sum[j] * sum[j]) / examples) / (examples - 1);
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  const equations = new NormalEquations(p);
  const scaled = new Float64Array(p);
  forEachExample(panel, layout, calendarAt, lastPeriod, (row, target) => {
    for (let a = 0; a < row.count; a++) scaled[a] = row.values[a] / layout.scales[row.indices[a]];
    equations.add(row.indices, scaled, target, row.count);
  });
  const penalty = Array.from({ length: p }, (_, j) =>
    j < intercepts ? 1e-8 * Math.max(1, equations.xtx[j * p + j]) : lambda,
  );
  return { coefficients: equations.solve(penalty), examples };
}

/** Dot product of a sparse row (unscaled) with the scaled coefficients. */
export function predictRow(
  row: ReturnType<typeof newRow>,
  layout: RidgeLayout,
  coefficients: ArrayLike<number>,
): number {
  let value = 0;
  for (let a = 0; a < row.count; a++)
    value += (row.values[a] / layout.scales[row.indices[a]]) * coefficients[row.indices[a]];
  return value;
}

export type { TimeSeries };
