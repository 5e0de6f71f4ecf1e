import { describeReceived, type InputIssue } from '@shoppilot/core';
import type { PanelSpec } from './build-panel';
import { fillGaps, readNumber } from './fill-gaps';
import { periodLabel, type TimeAxis } from './time-axis';
import {
  type CovariateNames,
  type GapPolicy,
  observedCount,
  type SeriesAlignmentReport,
  type StaticValue,
  type TimeSeries,
} from './types';

export interface SeriesRows {
  id: string;
  keys: Record<string, string>;
  entries: Array<{ period: number; rowNumber: number; row: Record<string, unknown> }>;
}

interface Assembled {
  series: TimeSeries;
  report: SeriesAlignmentReport;
  warnings: string[];
}

/** Aligns one series' rows onto consecutive periods; pushes issues instead of throwing. */
export function assembleSeries(
  group: SeriesRows,
  spec: PanelSpec,
  covariates: CovariateNames,
  axis: TimeAxis,
  issues: InputIssue[],
): Assembled | undefined {
  group.entries.sort((a, b) => a.period - b.period || a.rowNumber - b.rowNumber);
  const start = group.entries[0].period;
  const length = group.entries[group.entries.length - 1].period - start + 1;
  const numeric = [spec.target, ...covariates.past, ...covariates.future];
  const columns: Record<string, Float64Array> = {};
  const counts = new Int32Array(length);
  for (const name of numeric) columns[name] = new Float64Array(length).fill(Number.NaN);
  const policy = spec.duplicates ?? 'reject';
  const duplicates = new Map<number, number[]>();
  for (const entry of group.entries) {
    const offset = entry.period - start;
    counts[offset]++;
    if (counts[offset] > 1 && policy === 'reject') {
      const rows = duplicates.get(entry.period) ?? [rowOfPeriod(group, entry.period)];
      rows.push(entry.rowNumber);
      duplicates.set(entry.period, rows);
      continue;
    }
    for (const name of numeric) {
      const value = readNumber(entry.row[name]);
      if (value === undefined) {
        issues.push(notNumeric(spec, group.id, entry.rowNumber, name, entry.row[name]));
        continue;
      }
      columns[name][offset] = combine(columns[name][offset], value, counts[offset], policy);
    }
  }
  for (const [period, rows] of duplicates) {
    issues.push({
      file: spec.source,
      series: group.id,
      field: spec.time,
      message: `duplicate timestamp ${periodLabel(period, axis)} (rows ${rows.join(', ')}); aggregate them first or set duplicates: 'sum' | 'mean' | 'last'`,
    });
  }
  if (policy === 'mean') finishMeans(columns, counts);
  const staticValues = readStatics(group, spec, covariates.static, issues);
  if (duplicates.size) return undefined;
  return finish(group, spec, covariates, axis, { start, columns, counts, staticValues }, issues);
}

function finish(
  group: SeriesRows,
  spec: PanelSpec,
  covariates: CovariateNames,
  axis: TimeAxis,
  parts: {
    start: number;
    columns: Record<string, Float64Array>;
    counts: Int32Array;
    staticValues: Record<string, StaticValue>;
  },
  issues: InputIssue[],
): Assembled | undefined {
  const { start, columns, counts } = parts;
  const warnings: string[] = [];
  const filled: Record<string, number> = {};
  filled[spec.target] = fillGaps(columns[spec.target], spec.targetGaps ?? 'missing');
  for (const name of [...covariates.past, ...covariates.future]) {
    filled[name] = fillGaps(columns[name], covariatePolicy(spec, name));
    const missing = columns[name].length - observedCount(columns[name]);
    if (missing > 0) {
      warnings.push(
        `series "${group.id}": covariate "${name}" is missing at ${missing} period(s) (no value to fill from)`,
      );
    }
  }
  const target = columns[spec.target];
  if (observedCount(target) === 0) {
    issues.push({
      file: spec.source,
      series: group.id,
      field: spec.target,
      message: 'every target value is missing',
    });
    return undefined;
  }
  let gaps = 0;
  for (const count of counts) if (count === 0) gaps++;
  const series: TimeSeries = {
    id: group.id,
    keys: group.keys,
    start,
    target,
    past: pick(columns, covariates.past),
    future: pick(columns, covariates.future),
    static: parts.staticValues,
  };
  const report: SeriesAlignmentReport = {
    id: group.id,
    periods: target.length,
    rows: group.entries.length,
    gaps,
    missingTarget: target.length - observedCount(target),
    filled,
  };
  if (axis.kind === 'index' && gaps > 0 && spec.targetGaps === undefined) {
    warnings.push(`series "${group.id}": ${gaps} period(s) without a row are missing target values`);
  }
  return { series, report, warnings };
}

function covariatePolicy(spec: PanelSpec, name: string): GapPolicy {
  const setting = spec.covariateGaps;
  if (setting === undefined) return 'forward-fill';
  if (typeof setting === 'string') return setting;
  return setting[name] ?? 'forward-fill';
}

function combine(current: number, value: number, count: number, policy: PanelSpec['duplicates']): number {
  if (count <= 1 || Number.isNaN(current)) return value;
  if (Number.isNaN(value)) return current;
  if (policy === 'last') return value;
  return current + value;
}

function finishMeans(columns: Record<string, Float64Array>, counts: Int32Array): void {
  for (const values of Object.values(columns)) {
    for (let i = 0; i < values.length; i++) if (counts[i] > 1) values[i] /= counts[i];
  }
}

function readStatics(
  group: SeriesRows,
  spec: PanelSpec,
  names: readonly string[],
  issues: InputIssue[],
): Record<string, StaticValue> {
  const values: Record<string, StaticValue> = {};
  for (const name of names) {
    const seen = new Map<string, number>();
    for (const entry of group.entries) {
      const raw = entry.row[name];
      if (raw === undefined || raw === null || String(raw).trim() === '') continue;
      const text = String(raw).trim();
      if (!seen.has(text)) seen.set(text, entry.rowNumber);
    }
    if (seen.size > 1) {
      const shown = [...seen].slice(0, 3).map(([value, row]) => `${describeReceived(value)} (row ${row})`);
      issues.push({
        file: spec.source,
        series: group.id,
        field: name,
        message: `static covariate changes within the series: ${shown.join(', ')}`,
      });
      continue;
    }
    const [text] = [...seen.keys()];
    if (text === undefined) {
      issues.push({
        file: spec.source,
        series: group.id,
        field: name,
        message: 'static covariate has no value',
      });
      continue;
    }
    const number = Number(text);
    values[name] = Number.isFinite(number) ? number : text;
  }
  return values;
}

function notNumeric(spec: PanelSpec, series: string, row: number, field: string, value: unknown): InputIssue {
  return {
    file: spec.source,
    row,
    series,
    field,
    message: 'value is not numeric',
    expected: 'a finite number, or an empty/NA cell for a missing value',
    received: describeReceived(value),
  };
}

function rowOfPeriod(group: SeriesRows, period: number): number {
  return group.entries.find((entry) => entry.period === period)?.rowNumber ?? 0;
}

function pick(columns: Record<string, Float64Array>, names: readonly string[]): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const name of names) out[name] = columns[name];
  return out;
}
