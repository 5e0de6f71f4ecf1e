import { InvalidArgumentError } from '@shoppilot/core';
import { observedCount, type Panel, seriesEnd, type TimeSeries } from './types';

export interface TruncateResult {
  panel: Panel;
  /** Series left out because they have no observed target up to the cut, with the reason. */
  dropped: Array<{ id: string; reason: string }>;
}

/**
 * The panel as it was known at the end of period `last` (inclusive): every array cut after it.
 * Nothing from later periods survives, so a model fitted on the result cannot see the future.
 */
export function truncatePanel(panel: Panel, last: number): TruncateResult {
  const series: TimeSeries[] = [];
  const dropped: TruncateResult['dropped'] = [];
  for (const s of panel.series) {
    const length = Math.min(s.target.length, last - s.start + 1);
    if (length <= 0) {
      dropped.push({ id: s.id, reason: 'starts after the cut' });
      continue;
    }
    const cut = cutSeries(s, length);
    if (observedCount(cut.target) === 0) {
      dropped.push({ id: s.id, reason: 'no observed target up to the cut' });
      continue;
    }
    series.push(cut);
  }
  return { panel: { ...panel, series }, dropped };
}

/** A copy of a series keeping its first `length` periods. */
export function cutSeries(series: TimeSeries, length: number): TimeSeries {
  const slice = (values: Float64Array) => values.slice(0, length);
  return {
    ...series,
    target: slice(series.target),
    past: mapValues(series.past, slice),
    future: mapValues(series.future, slice),
  };
}

/** The last period of any series (the panel's "now"). */
export function panelEnd(panel: Panel): number {
  let end = Number.NEGATIVE_INFINITY;
  for (const s of panel.series) end = Math.max(end, seriesEnd(s) - 1);
  return end;
}

/** Keeps the series whose ids are listed (unknown ids are an error naming them). */
export function selectSeries(panel: Panel, ids: readonly string[]): Panel {
  const byId = new Map(panel.series.map((s) => [s.id, s]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) {
    throw new InvalidArgumentError({
      argument: 'ids',
      message: `unknown series: ${unknown.slice(0, 10).join(', ')}`,
      value: unknown,
    });
  }
  return { ...panel, series: ids.map((id) => byId.get(id)!) };
}

/** Builds a panel from plain arrays (tests, examples, one-off series). */
export function panelFromArrays(
  input: ReadonlyArray<{
    id: string;
    values: ArrayLike<number>;
    start?: number;
    future?: Record<string, ArrayLike<number>>;
    past?: Record<string, ArrayLike<number>>;
    static?: Record<string, number | string>;
  }>,
  options: { frequency?: Panel['axis']['frequency']; kind?: Panel['axis']['kind'] } = {},
): Panel {
  const first = input[0];
  const series: TimeSeries[] = input.map((item) => ({
    id: item.id,
    keys: { id: item.id },
    start: item.start ?? 0,
    target: Float64Array.from(item.values),
    past: mapValues(item.past ?? {}, (v) => Float64Array.from(v)),
    future: mapValues(item.future ?? {}, (v) => Float64Array.from(v)),
    static: { ...(item.static ?? {}) },
  }));
  return {
    axis: { frequency: options.frequency ?? 'day', kind: options.kind ?? 'index', weekStart: 1 },
    idColumns: ['id'],
    series,
    covariates: {
      past: Object.keys(first?.past ?? {}),
      future: Object.keys(first?.future ?? {}),
      static: Object.keys(first?.static ?? {}),
    },
  };
}

function mapValues<A, B>(record: Record<string, A>, fn: (value: A) => B): Record<string, B> {
  const out: Record<string, B> = {};
  for (const [key, value] of Object.entries(record)) out[key] = fn(value);
  return out;
}
