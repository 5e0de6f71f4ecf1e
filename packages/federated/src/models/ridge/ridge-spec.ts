import { InvalidArgumentError } from '@shoppilot/core';
import { calendarFeatures, type Panel, type RidgeOptions, type StaticValue } from '@shoppilot/forecast';

/** Options of the federated ridge: forecast's `RidgeOptions` plus the slope groups' levels. */
export interface FederatedRidgeOptions extends RidgeOptions {
  /**
   * Levels of each `slopesBy` group, e.g. `{ price: ['1', '2', …, '11'] }`, so every client builds the
   * same columns. Default: the levels in the client's own data (clients then must all hold every level,
   * which the coordinator checks through the layout hash).
   */
  slopeLevels?: Readonly<Record<string, readonly string[]>>;
}

/** The shared (non-intercept) columns of the ridge design, in forecast's column order. */
export interface RidgeDesignSpec {
  future: Array<{ name: string; transform: 'identity' | 'log'; group?: string; levels?: string[] }>;
  past: string[];
  lags: number[];
  means: number[];
  maxHorizon: number;
  calendar: string[];
  /** Shared column names (`price|brand=1`, `lag0`, `step3`, …). */
  columns: string[];
  lambda: number;
}

/** Resolves the design from the options and a client's panel (defaults as in `RidgeForecaster`). */
export function ridgeDesignSpec(panel: Panel, options: FederatedRidgeOptions): RidgeDesignSpec {
  if (options.calibration === 'in-sample') {
    throw new InvalidArgumentError({
      argument: 'calibration',
      message: 'the federated ridge calibrates on the holdout only',
      value: 'in-sample',
    });
  }
  const lambda = options.lambda ?? 1;
  if (!(lambda >= 0))
    throw new InvalidArgumentError({ argument: 'lambda', message: 'must be >= 0', value: lambda });
  const maxHorizon = options.maxHorizon ?? 12;
  if (!Number.isInteger(maxHorizon) || maxHorizon < 1) {
    throw new InvalidArgumentError({
      argument: 'maxHorizon',
      message: 'must be an integer >= 1',
      value: maxHorizon,
    });
  }
  const columns: string[] = [];
  const future = (options.covariates ?? panel.covariates.future).map((name) => {
    const transform = options.transforms?.[name] ?? 'identity';
    const group = options.slopesBy?.[name];
    if (!group) {
      columns.push(name);
      return { name, transform, group };
    }
    const levels = [...(options.slopeLevels?.[name] ?? localLevels(panel, group))];
    for (const level of levels) columns.push(`${name}|${group}=${level}`);
    return { name, transform, group, levels };
  });
  const past = [...(options.pastCovariates ?? panel.covariates.past)];
  const lags = [...(options.lags ?? [0, 1])];
  const means = [...(options.means ?? [4, 13])];
  const calendar = options.calendar ? calendarNames(panel, options) : [];
  for (const name of past) columns.push(`past:${name}`);
  for (const lag of lags) columns.push(`lag${lag}`);
  for (const window of means) columns.push(`mean${window}`);
  for (let k = 1; k <= maxHorizon; k++) columns.push(`step${k}`);
  for (const name of calendar) columns.push(`calendar:${name}`);
  return { future, past, lags, means, maxHorizon, calendar, columns, lambda };
}

/** The group value of a series as forecast reads it (a missing static column is an error naming the series). */
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

function localLevels(panel: Panel, group: string): string[] {
  return [...new Set(panel.series.map((s) => groupLevel(s.static, group, s.id)))].sort();
}

function calendarNames(panel: Panel, options: FederatedRidgeOptions): string[] {
  const start = Math.min(...panel.series.map((s) => s.start));
  return calendarFeatures(start, 1, panel.axis, options.calendar || {}).names;
}
