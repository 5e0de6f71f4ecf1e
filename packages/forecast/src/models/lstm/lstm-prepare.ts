import type { CalendarFeatureOptions } from '../../features/calendar-features';
import type { Panel } from '../../panel/types';
import { calendarLookup } from '../ridge/calendar-lookup';
import type { CovariateTransform } from '../ridge/ridge-design';
import {
  applyTransform,
  type LstmLayout,
  type Standardiser,
  standardiser,
  staticColumns,
} from './lstm-features';
import { allocate, type SampleArrays, type SampleSpec, writeSample } from './lstm-samples';

export interface LayoutOptions {
  horizon: number;
  lookback: number;
  covariates: readonly string[];
  transforms: Readonly<Record<string, CovariateTransform>>;
  pastCovariates: readonly string[];
  staticCovariates: readonly string[];
  calendar: CalendarFeatureOptions | false;
}

/** Fixes the input layout and the standardisers from the training panel. */
export function makeLstmLayout(
  panel: Panel,
  options: LayoutOptions,
): { layout: LstmLayout; calendarAt?: (period: number) => Record<string, number> } {
  const calendar = options.calendar ? calendarLookup(panel, options.calendar, options.horizon) : undefined;
  const target: Record<string, Standardiser> = {};
  for (const s of panel.series) target[s.id] = standardiser(s.target);
  const inputs: Record<string, Standardiser> = {};
  const future = options.covariates.map((name) => ({
    name,
    transform: options.transforms[name] ?? ('identity' as const),
  }));
  for (const f of future)
    inputs[`future:${f.name}`] = standardiser(valuesOf(panel, (s) => s.future[f.name], f.transform));
  for (const name of options.pastCovariates)
    inputs[`past:${name}`] = standardiser(valuesOf(panel, (s) => s.past[name], 'identity'));
  const statics = staticColumns(panel, options.staticCovariates);
  for (const name of statics.staticNumeric)
    inputs[`static:${name}`] = standardiser(panel.series.map((s) => Number(s.static[name])));
  if (calendar) {
    const start = Math.min(...panel.series.map((s) => s.start));
    const end = Math.max(...panel.series.map((s) => s.start + s.target.length));
    for (const name of calendar.names) {
      inputs[`calendar:${name}`] = standardiser(
        Array.from({ length: end - start }, (_, i) => calendar.at(start + i)[name]),
      );
    }
  }
  const layout: LstmLayout = {
    lookback: options.lookback,
    horizon: options.horizon,
    future,
    past: [...options.pastCovariates],
    ...statics,
    calendar: calendar?.names ?? [],
    seriesIds: panel.series.map((s) => s.id),
    target,
    inputs,
  };
  return { layout, calendarAt: calendar?.at };
}

/**
 * Training and validation samples on a time-based split: labels after `cutoff` (a period) are
 * hidden from training; validation forecasts the periods after `cutoff` from origin `cutoff`.
 */
export function trainingSamples(
  panel: Panel,
  layout: LstmLayout,
  options: {
    cutoff: number;
    stride: number;
    minContext: number;
    calendarAt?: (period: number) => Record<string, number>;
  },
): { train: SampleArrays; validation: SampleArrays } {
  const train: SampleSpec[] = [];
  const validation: SampleSpec[] = [];
  panel.series.forEach((series, seriesIndex) => {
    const futureAt = (origin: number) => (name: string, step: number) =>
      series.future[name]?.[origin + step] ?? Number.NaN;
    const lastLabel = options.cutoff - series.start;
    let observed = 0;
    for (let origin = 0; origin < series.target.length - 1; origin++) {
      if (!Number.isNaN(series.target[origin])) observed++;
      if (observed < options.minContext || origin >= lastLabel) continue;
      if ((series.target.length - 1 - origin) % options.stride !== 0 && origin !== lastLabel - 1) continue;
      train.push({
        series,
        seriesIndex,
        origin,
        futureAt: futureAt(origin),
        calendarAt: options.calendarAt,
        lastLabel,
      });
    }
    if (lastLabel >= 0 && lastLabel < series.target.length - 1 && observed >= options.minContext) {
      validation.push({
        series,
        seriesIndex,
        origin: lastLabel,
        futureAt: futureAt(lastLabel),
        calendarAt: options.calendarAt,
      });
    }
  });
  return { train: fill(layout, train), validation: fill(layout, validation) };
}

export function fill(layout: LstmLayout, specs: readonly SampleSpec[]): SampleArrays {
  const arrays = allocate(layout, specs.length);
  specs.forEach((spec, i) => {
    writeSample(arrays, i, layout, spec);
  });
  return arrays;
}

function* valuesOf(
  panel: Panel,
  pick: (s: Panel['series'][number]) => Float64Array | undefined,
  how: CovariateTransform,
): Generator<number> {
  for (const s of panel.series) {
    const values = pick(s);
    if (values) for (const v of values) yield applyTransform(v, how);
  }
}
