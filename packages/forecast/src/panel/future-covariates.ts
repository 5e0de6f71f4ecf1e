import { describeReceived, type InputIssue, InputValidationError } from '@shoppilot/core';
import { MissingFutureCovariateError } from '../errors/missing-future-covariate-error';
import { readNumber } from './fill-gaps';
import { parsePeriod, periodLabel, type TimeAxis } from './time-axis';
import type { Panel } from './types';

/** Known future values of covariates per series, on a panel's time axis. */
export interface FutureCovariates {
  axis: TimeAxis;
  series: Map<string, { start: number; values: Record<string, Float64Array> }>;
}

export interface FutureCovariatesSpec {
  id: string | readonly string[];
  time: string;
  /** The future-known covariate columns. */
  covariates: readonly string[];
  /** File name used in error messages. */
  source?: string;
}

/** The future covariates a panel already holds (its history), e.g. the full data in a backtest. */
export function futureFromPanel(panel: Panel): FutureCovariates {
  const series = new Map<string, { start: number; values: Record<string, Float64Array> }>();
  for (const s of panel.series) series.set(s.id, { start: s.start, values: s.future });
  return { axis: panel.axis, series };
}

/**
 * Reads planned future values (long format: id columns, time, covariates) onto a panel's axis.
 * Duplicate timestamps and non-numeric values are rejected naming the row, series and field;
 * periods without a row stay missing (and are reported when a forecast needs them).
 */
export function buildFutureCovariates(
  rows: Iterable<Record<string, unknown>>,
  spec: FutureCovariatesSpec,
  axis: TimeAxis,
): FutureCovariates {
  const idColumns = typeof spec.id === 'string' ? [spec.id] : [...spec.id];
  const cells = new Map<string, Map<number, { row: number; values: Record<string, number> }>>();
  const issues: InputIssue[] = [];
  let rowNumber = 0;
  for (const row of rows) {
    rowNumber++;
    const id = idColumns.map((column) => String(row[column] ?? '').trim()).join('/');
    const period = parsePeriod(row[spec.time], axis);
    if (Number.isNaN(period)) {
      issues.push({
        file: spec.source,
        row: rowNumber,
        series: id,
        field: spec.time,
        message: 'cannot read the time value',
        received: describeReceived(row[spec.time]),
      });
      continue;
    }
    const perSeries = cells.get(id) ?? new Map();
    cells.set(id, perSeries);
    const earlier = perSeries.get(period);
    if (earlier) {
      issues.push({
        file: spec.source,
        row: rowNumber,
        series: id,
        field: spec.time,
        message: `duplicate timestamp ${periodLabel(period, axis)} (rows ${earlier.row} and ${rowNumber})`,
      });
      continue;
    }
    const values: Record<string, number> = {};
    for (const name of spec.covariates) {
      const value = readNumber(row[name]);
      if (value === undefined) {
        issues.push({
          file: spec.source,
          row: rowNumber,
          series: id,
          field: name,
          message: 'value is not numeric',
          received: describeReceived(row[name]),
        });
      } else values[name] = value;
    }
    perSeries.set(period, { row: rowNumber, values });
  }
  if (issues.length) throw new InputValidationError({ issues: issues.slice(0, 50) });
  const series = new Map<string, { start: number; values: Record<string, Float64Array> }>();
  for (const [id, perSeries] of cells) {
    const periods = [...perSeries.keys()];
    const start = Math.min(...periods);
    const length = Math.max(...periods) - start + 1;
    const values: Record<string, Float64Array> = {};
    for (const name of spec.covariates) values[name] = new Float64Array(length).fill(Number.NaN);
    for (const [period, cell] of perSeries) {
      for (const name of spec.covariates) values[name][period - start] = cell.values[name] ?? Number.NaN;
    }
    series.set(id, { start, values });
  }
  return { axis, series };
}

/**
 * Values of the named covariates for `horizon` periods from period `from`, for one series.
 * Throws `MissingFutureCovariateError` naming the covariate, the series and the missing dates.
 */
export function futureWindow(
  future: FutureCovariates | undefined,
  seriesId: string,
  names: readonly string[],
  from: number,
  horizon: number,
  axis: TimeAxis,
): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  const entry = future?.series.get(seriesId);
  for (const name of names) {
    const values = new Float64Array(horizon);
    const missing: string[] = [];
    const column = entry?.values[name];
    for (let k = 0; k < horizon; k++) {
      const offset = from + k - (entry?.start ?? 0);
      const value = column && offset >= 0 && offset < column.length ? column[offset] : Number.NaN;
      if (Number.isNaN(value)) missing.push(periodLabel(from + k, axis));
      values[k] = value;
    }
    if (missing.length)
      throw new MissingFutureCovariateError({ covariate: name, series: seriesId, missingDates: missing });
    out[name] = values;
  }
  return out;
}
