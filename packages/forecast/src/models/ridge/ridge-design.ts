import { InvalidArgumentError } from '@shoppilot/core';
import type { StaticValue, TimeSeries } from '../../panel/types';

/** How a covariate enters the model. */
export type CovariateTransform = 'identity' | 'log';

/** The column layout of the ridge design, fixed at fit time and stored with the model. */
export interface RidgeLayout {
  /** Series ids with their own intercept (index = column). */
  seriesIds: string[];
  /** Future covariates and their transform; `group` names a static column giving a slope per value. */
  future: Array<{ name: string; transform: CovariateTransform; group?: string; levels?: string[] }>;
  /** Past-only covariates, taken at the forecast origin. */
  past: string[];
  /** Target lags at the origin (0 = the origin's own value). */
  lags: number[];
  /** Trailing means of the target at the origin. */
  means: number[];
  /** Calendar feature names (looked up per period). */
  calendar: string[];
  maxHorizon: number;
  /** Column names, for inspection. */
  columns: string[];
  /** Scale of each column (non-intercept columns are divided by it). */
  scales: number[];
}

/** A row being built: nonzero indices and values. */
export interface SparseRow {
  indices: Int32Array;
  values: Float64Array;
  count: number;
}

export function newRow(capacity: number): SparseRow {
  return { indices: new Int32Array(capacity), values: new Float64Array(capacity), count: 0 };
}

/** Sets up the columns: intercepts, covariate slopes (per group level when asked), lags, means, steps, calendar. */
export function makeLayout(
  series: readonly TimeSeries[],
  spec: Omit<RidgeLayout, 'seriesIds' | 'columns' | 'scales' | 'future'> & {
    future: Array<{ name: string; transform: CovariateTransform; group?: string }>;
  },
): RidgeLayout {
  const seriesIds = series.map((s) => s.id);
  const columns = [...seriesIds.map((id) => `intercept:${id}`)];
  const future = spec.future.map((f) => {
    if (!f.group) {
      columns.push(f.name);
      return { ...f };
    }
    const levels = [...new Set(series.map((s) => groupLevel(s.static, f.group!, s.id)))].sort();
    for (const level of levels) columns.push(`${f.name}|${f.group}=${level}`);
    return { ...f, levels };
  });
  for (const name of spec.past) columns.push(`past:${name}`);
  for (const lag of spec.lags) columns.push(`lag${lag}`);
  for (const window of spec.means) columns.push(`mean${window}`);
  for (let k = 1; k <= spec.maxHorizon; k++) columns.push(`step${k}`);
  for (const name of spec.calendar) columns.push(`calendar:${name}`);
  return { ...spec, seriesIds, future, columns, scales: new Array(columns.length).fill(1) };
}

export function groupLevel(statics: Record<string, StaticValue>, group: string, id: string): string {
  const value = statics[group];
  if (value === undefined) {
    throw new InvalidArgumentError({
      argument: 'slopesBy',
      message: `series "${id}" has no static covariate "${group}"`,
      value: group,
    });
  }
  return String(value);
}

export function transform(value: number, how: CovariateTransform): number {
  return how === 'log' ? Math.log(value) : value;
}
