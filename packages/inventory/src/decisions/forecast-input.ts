import { type InputIssue, InputValidationError } from '@shoppilot/core';
import { parseCsv } from './csv';

/** One quantile level's values over the horizon (the forecast package's `QuantileBand`). */
export interface QuantileBandLike {
  level: number;
  values: readonly number[];
}

/**
 * A quantile forecast of one SKU. Structurally compatible with `QuantileForecast` from
 * @shoppilot/forecast (id, dates, mean, quantiles as ascending bands), so its output can be passed
 * as is; `parseForecastCsv` produces the same shape from a plain CSV. `samples` (sample paths,
 * `samples[path][period]`) are optional: when present, lead-time demand is their exact empirical sum.
 */
export interface QuantileForecastLike {
  id: string;
  dates?: readonly string[];
  mean?: readonly number[];
  quantiles: readonly QuantileBandLike[];
  samples?: readonly (readonly number[])[];
}

/** Checks a forecast: at least one band, levels in (0, 1), equal lengths, finite values >= 0. */
export function forecastIssues(forecast: QuantileForecastLike): InputIssue[] {
  const sku = forecast.id;
  const bands = forecast.quantiles;
  const horizon = bands[0]?.values.length ?? forecast.mean?.length ?? 0;
  if (bands.length === 0 && !forecast.samples)
    return [{ sku, field: 'quantiles', message: 'no quantile bands' }];
  let ok = true;
  for (const band of bands) ok = ok && band.level > 0 && band.level < 1 && validSeries(band.values, horizon);
  if (forecast.mean) ok = ok && validSeries(forecast.mean, horizon);
  return ok ? [] : describeIssues(forecast, horizon);
}

function validSeries(values: readonly number[], horizon: number): boolean {
  if (values.length !== horizon) return false;
  for (let t = 0; t < values.length; t++) {
    const v = values[t];
    if (typeof v !== 'number' || !(v >= 0) || v === Number.POSITIVE_INFINITY) return false;
  }
  return true;
}

/** The slow path: every issue, named. */
function describeIssues(forecast: QuantileForecastLike, horizon: number): InputIssue[] {
  const issues: InputIssue[] = [];
  const sku = forecast.id;
  const series: Array<[string, readonly number[]]> = forecast.quantiles.map((band) => [
    `p${band.level}`,
    band.values,
  ]);
  if (forecast.mean) series.push(['mean', forecast.mean]);
  forecast.quantiles.forEach((band) => {
    if (!(band.level > 0 && band.level < 1)) {
      issues.push({
        sku,
        field: 'quantiles.level',
        message: 'level outside (0, 1)',
        received: String(band.level),
      });
    }
  });
  for (const [field, values] of series) {
    if (values.length !== horizon)
      issues.push({ sku, field, message: `has ${values.length} periods, expected ${horizon}` });
    const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0);
    if (bad >= 0) {
      issues.push({
        sku,
        field,
        message: `period ${bad + 1} is not a finite number >= 0`,
        received: String(values[bad]),
      });
    }
  }
  return issues;
}

/** Reads a level from a column name: `p90` -> 0.9, `q0.9` -> 0.9, `0.9` -> 0.9, `quantile_0.95` -> 0.95. */
export function levelFromColumn(name: string): number | undefined {
  const match = /^(?:p|q|quantile_?|level_?)?(\d*\.?\d+)$/i.exec(name.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const level = match[1].includes('.') || value < 1 ? value : value / 100;
  return level > 0 && level < 1 ? level : undefined;
}

/**
 * Reads a wide CSV of quantile forecasts: `sku` (or `id`/`unique_id`), `date` (or `ds`), optional
 * `mean`, and one column per level (`p50`, `p90`, `q0.95`, `0.99`...). Rows of a SKU are sorted by
 * date (ISO strings or numbers). Non-numeric cells are reported with file, row, SKU and column.
 */
export function parseForecastCsv(text: string, file = 'forecast.csv'): QuantileForecastLike[] {
  const table = parseCsv(text, file);
  const col = (names: string[]) => table.header.findIndex((h) => names.includes(h.toLowerCase()));
  const skuColumn = col(['sku', 'id', 'unique_id', 'item']);
  const dateColumn = col(['date', 'ds', 'period', 'week']);
  const meanColumn = col(['mean', 'forecast', 'yhat']);
  const levels = table.header.map((h, j) =>
    j === skuColumn || j === dateColumn || j === meanColumn ? undefined : levelFromColumn(h),
  );
  if (skuColumn < 0 || dateColumn < 0 || !levels.some((l) => l !== undefined)) {
    throw new InputValidationError({
      issues: [
        {
          file,
          message: 'needs a sku column, a date column and at least one quantile column (p50, p90, q0.95...)',
        },
      ],
    });
  }
  const bySku = new Map<string, Array<{ date: string; row: string[]; index: number }>>();
  table.rows.forEach((row, index) => {
    const sku = row[skuColumn].trim();
    const list = bySku.get(sku) ?? [];
    list.push({ date: row[dateColumn].trim(), row, index });
    bySku.set(sku, list);
  });
  const issues: InputIssue[] = [];
  const number = (cell: string, sku: string, field: string, index: number) => {
    const value = Number(cell);
    if (cell.trim() === '' || !Number.isFinite(value)) {
      issues.push({
        file,
        row: index + 1,
        sku,
        field,
        message: 'not a number',
        expected: 'a finite number',
        received: JSON.stringify(cell),
      });
    }
    return value;
  };
  const forecasts = [...bySku].map(([sku, rows]) => {
    rows.sort((a, b) => compareDates(a.date, b.date));
    const bands = levels.flatMap((level, j) =>
      level === undefined
        ? []
        : [{ level, values: rows.map((r) => number(r.row[j], sku, table.header[j], r.index)) }],
    );
    bands.sort((a, b) => a.level - b.level);
    const forecast: QuantileForecastLike = { id: sku, dates: rows.map((r) => r.date), quantiles: bands };
    if (meanColumn >= 0)
      return { ...forecast, mean: rows.map((r) => number(r.row[meanColumn], sku, 'mean', r.index)) };
    return forecast;
  });
  if (issues.length) throw new InputValidationError({ issues });
  return forecasts;
}

function compareDates(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
