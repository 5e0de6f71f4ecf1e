import {
  describeReceived,
  type InputIssue,
  InputValidationError,
  InvalidArgumentError,
} from '@shoppilot/core';
import { assembleSeries, type SeriesRows } from './assemble-series';
import { readNumber } from './fill-gaps';
import {
  checkFrequency,
  type Frequency,
  inferTimeKind,
  parsePeriod,
  type TimeAxis,
  type TimeKind,
} from './time-axis';
import type { GapPolicy, Panel, PanelBuildResult } from './types';

/** How periods that fall together (several rows for one series and period) are handled. */
export type DuplicatePolicy = 'reject' | 'sum' | 'mean' | 'last';

export interface PanelSpec {
  /** Id column(s); a series is one combination of their values. */
  id: string | readonly string[];
  /** Time column: ISO dates, or integers numbering the periods. */
  time: string;
  /** Target column (numeric; empty/NA cells are missing values). */
  target: string;
  /** Frequency the panel is aligned to. Default `day`. */
  frequency?: Frequency;
  /** Covariates known only up to the present (e.g. footfall, competitor sales). Default none. */
  pastCovariates?: readonly string[];
  /** Covariates known for the future (planned price, promotion, holiday, weather forecast). Default none. */
  futureCovariates?: readonly string[];
  /** Per-series constants (store size, region, brand). Default none. */
  staticCovariates?: readonly string[];
  /** Gap policy of the target. Default `missing` (`zero` suits sales data without zero rows). */
  targetGaps?: GapPolicy;
  /** Gap policy of covariates, one for all or per column. Default `forward-fill`. */
  covariateGaps?: GapPolicy | Readonly<Record<string, GapPolicy>>;
  /** Rows falling into the same series and period. Default `reject` (typed error naming them). */
  duplicates?: DuplicatePolicy;
  /** How the time column is read. Default `auto` (integers → `index`, else dates). */
  timeKind?: TimeKind | 'auto';
  /** First day of weekly periods, 0 = Sunday … 6 = Saturday. Default 1 (Monday). */
  weekStart?: number;
  /** File name used in error messages. */
  source?: string;
}

const MAX_ISSUES = 50;

/**
 * Builds an aligned panel from long-format rows (one row per series and period): groups by id,
 * aligns to the frequency, fills gaps by the stated policies, keeps the three kinds of covariates
 * apart, and rejects bad input with typed errors naming the file, row, series and field.
 */
export function buildPanel(rows: Iterable<Record<string, unknown>>, spec: PanelSpec): PanelBuildResult {
  const idColumns = typeof spec.id === 'string' ? [spec.id] : [...spec.id];
  if (idColumns.length === 0)
    throw new InvalidArgumentError({ argument: 'spec.id', message: 'needs at least one column' });
  const list = Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [...rows];
  const axis = makeAxis(spec, list);
  const issues: InputIssue[] = [];
  const groups = groupRows(list, spec, idColumns, axis, issues);
  if (issues.length) throw new InputValidationError({ issues: issues.slice(0, MAX_ISSUES) });
  const covariates = {
    past: [...(spec.pastCovariates ?? [])],
    future: [...(spec.futureCovariates ?? [])],
    static: [...(spec.staticCovariates ?? [])],
  };
  const panel: Panel = { axis, idColumns, series: [], covariates };
  const result: PanelBuildResult = { panel, report: [], warnings: [] };
  for (const group of groups.values()) {
    const built = assembleSeries(group, spec, covariates, axis, issues);
    if (!built) continue;
    panel.series.push(built.series);
    result.report.push(built.report);
    result.warnings.push(...built.warnings);
  }
  if (issues.length) throw new InputValidationError({ issues: issues.slice(0, MAX_ISSUES) });
  if (panel.series.length === 0) {
    throw new InputValidationError({
      issues: [{ file: spec.source, message: 'no rows: the panel is empty' }],
    });
  }
  return result;
}

function makeAxis(spec: PanelSpec, rows: readonly Record<string, unknown>[]): TimeAxis {
  const frequency = checkFrequency(spec.frequency ?? 'day', 'spec.frequency');
  const weekStart = spec.weekStart ?? 1;
  if (!Number.isInteger(weekStart) || weekStart < 0 || weekStart > 6) {
    throw new InvalidArgumentError({
      argument: 'spec.weekStart',
      message: 'must be an integer 0..6',
      value: weekStart,
    });
  }
  const kind =
    spec.timeKind && spec.timeKind !== 'auto'
      ? spec.timeKind
      : inferTimeKind(rows.map((row) => row[spec.time]));
  return { frequency, kind, weekStart };
}

function groupRows(
  rows: readonly Record<string, unknown>[],
  spec: PanelSpec,
  idColumns: string[],
  axis: TimeAxis,
  issues: InputIssue[],
): Map<string, SeriesRows> {
  const groups = new Map<string, SeriesRows>();
  rows.forEach((row, index) => {
    const rowNumber = index + 1;
    const keys: Record<string, string> = {};
    for (const column of idColumns) {
      const value = row[column];
      if (value === undefined || value === null || String(value).trim() === '') {
        issues.push({ file: spec.source, row: rowNumber, field: column, message: 'missing series id' });
        return;
      }
      keys[column] = String(value).trim();
    }
    const id = idColumns.map((column) => keys[column]).join('/');
    const period = parsePeriod(row[spec.time], axis);
    if (Number.isNaN(period)) {
      issues.push({
        file: spec.source,
        row: rowNumber,
        series: id,
        field: spec.time,
        message: 'cannot read the time value',
        expected: axis.kind === 'index' ? 'an integer period number' : 'an ISO date YYYY-MM-DD',
        received: describeReceived(row[spec.time]),
      });
      return;
    }
    if (readNumber(row[spec.target]) === undefined) {
      issues.push({
        file: spec.source,
        row: rowNumber,
        series: id,
        field: spec.target,
        message: 'target is not numeric',
        expected: 'a finite number, or an empty/NA cell for a missing value',
        received: describeReceived(row[spec.target]),
      });
      return;
    }
    let group = groups.get(id);
    if (!group) {
      group = { id, keys, entries: [] };
      groups.set(id, group);
    }
    group.entries.push({ period, rowNumber, row });
  });
  return groups;
}
