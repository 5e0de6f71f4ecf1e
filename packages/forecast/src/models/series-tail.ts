import type { StaticValue, TimeSeries } from '../panel/types';

/** The end of a series kept in the model state, enough to forecast it without the panel. */
export interface SeriesTail {
  id: string;
  start: number;
  target: Array<number | null>;
  past: Record<string, Array<number | null>>;
  future: Record<string, Array<number | null>>;
  static: Record<string, StaticValue>;
}

export function tailOf(series: TimeSeries, keep: number): SeriesTail {
  const cut = Math.max(0, series.target.length - keep);
  const json = (values: Float64Array) =>
    Array.from(values.subarray(cut), (v) => (Number.isNaN(v) ? null : v));
  const map = (record: Record<string, Float64Array>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, json(v)]));
  return {
    id: series.id,
    start: series.start + cut,
    target: json(series.target),
    past: map(series.past),
    future: map(series.future),
    static: series.static,
  };
}

export function seriesOfTail(tail: SeriesTail): TimeSeries {
  const array = (values: Array<number | null>) =>
    Float64Array.from(values, (v) => (v === null ? Number.NaN : v));
  const map = (record: Record<string, Array<number | null>>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, array(v)]));
  return {
    id: tail.id,
    keys: {},
    start: tail.start,
    target: array(tail.target),
    past: map(tail.past),
    future: map(tail.future),
    static: tail.static,
  };
}
