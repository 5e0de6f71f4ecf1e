import { type InputIssue, InputValidationError } from '@shoppilot/core';
import { parseCsv } from '../decisions/csv';
import type { DemandMatrix } from './simulate';

/**
 * A demand matrix from a long CSV `sku,date,demand` (also `id`/`unique_id`, `ds`/`period`/`week`,
 * `units`/`y`/`quantity`). Periods are the sorted union of dates; a SKU without a row for a period
 * gets NaN there (unobserved, not zero). Negative or non-numeric demand is an error naming the row.
 */
export function parseDemandCsv(text: string, file = 'demand.csv'): DemandMatrix & { dates: string[] } {
  const table = parseCsv(text, file);
  const find = (names: string[]) => table.header.findIndex((h) => names.includes(h.toLowerCase()));
  const skuColumn = find(['sku', 'id', 'unique_id', 'item']);
  const dateColumn = find(['date', 'ds', 'period', 'week']);
  const demandColumn = find(['demand', 'units', 'y', 'quantity', 'sales']);
  if (skuColumn < 0 || dateColumn < 0 || demandColumn < 0) {
    throw new InputValidationError({ issues: [{ file, message: 'needs sku, date and demand columns' }] });
  }
  const numeric = table.rows.every((row) => Number.isFinite(Number(row[dateColumn])));
  const dates = [...new Set(table.rows.map((row) => row[dateColumn].trim()))].sort((a, b) =>
    numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0,
  );
  const ids = [...new Set(table.rows.map((row) => row[skuColumn].trim()))];
  const dateIndex = new Map(dates.map((d, i) => [d, i]));
  const skuIndex = new Map(ids.map((s, i) => [s, i]));
  const demand = new Float64Array(ids.length * dates.length).fill(Number.NaN);
  const issues: InputIssue[] = [];
  table.rows.forEach((row, r) => {
    const sku = row[skuColumn].trim();
    const cell = row[demandColumn].trim();
    const value = Number(cell);
    if (cell === '' || !Number.isFinite(value) || value < 0) {
      issues.push({
        file,
        row: r + 1,
        sku,
        field: table.header[demandColumn],
        message: 'demand must be a finite number >= 0',
        received: JSON.stringify(cell),
      });
      return;
    }
    const k =
      (skuIndex.get(sku) as number) * dates.length + (dateIndex.get(row[dateColumn].trim()) as number);
    demand[k] = Number.isNaN(demand[k]) ? value : demand[k] + value;
  });
  if (issues.length) throw new InputValidationError({ issues });
  return { demand, skuCount: ids.length, periods: dates.length, ids, dates };
}
