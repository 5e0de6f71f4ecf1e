import type { TimeAxis } from './time-axis';

/** How a gap (a period with no row) is filled. */
export type GapPolicy = 'zero' | 'forward-fill' | 'missing';

/** A static covariate value: numbers stay numbers, anything else is a category. */
export type StaticValue = number | string;

/** One aligned series of a panel. Every array has one entry per period from `start`. */
export interface TimeSeries {
  /** Series id: the id column values joined with `/`. */
  id: string;
  /** The id column values by column name. */
  keys: Record<string, string>;
  /** Period index of the first entry on the panel's time axis. */
  start: number;
  /** Target values; NaN marks a missing value. */
  target: Float64Array;
  /** Past-only covariates (known up to now only), aligned with `target`. */
  past: Record<string, Float64Array>;
  /** Future-known covariates (planned price, promotion, holiday flags…), aligned with `target`. */
  future: Record<string, Float64Array>;
  /** Static covariates, one value per series. */
  static: Record<string, StaticValue>;
}

/** Names of the three kinds of covariates, kept apart as the model inputs differ. */
export interface CovariateNames {
  past: string[];
  future: string[];
  static: string[];
}

/** A long-format panel aligned to one frequency: many series on one time axis. */
export interface Panel {
  axis: TimeAxis;
  /** Id columns the series ids are made of. */
  idColumns: string[];
  series: TimeSeries[];
  covariates: CovariateNames;
}

/** What alignment did to one series: nothing is changed without being counted here. */
export interface SeriesAlignmentReport {
  id: string;
  /** Periods in the aligned series. */
  periods: number;
  /** Rows read. */
  rows: number;
  /** Periods without a row, filled by the gap policy. */
  gaps: number;
  /** Periods whose target is missing after alignment (empty cells and `missing` gaps). */
  missingTarget: number;
  /** Filled cells per column (target and covariates). */
  filled: Record<string, number>;
}

export interface PanelBuildResult {
  panel: Panel;
  report: SeriesAlignmentReport[];
  warnings: string[];
}

/** Number of periods of a series. */
export function seriesLength(series: TimeSeries): number {
  return series.target.length;
}

/** Period index just after the last entry of a series. */
export function seriesEnd(series: TimeSeries): number {
  return series.start + series.target.length;
}

/** Count of observed (non-NaN) target values. */
export function observedCount(values: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  return count;
}
