import { describeReceived, type InputIssue, InputValidationError } from '@shoppilot/core';
import { parseCsv } from './csv';

/** What is known about one SKU's stock, in forecast periods (days, weeks) and money. */
export interface StockRecord {
  sku: string;
  /** Units on the shelf (>= 0). */
  onHand: number;
  /** Units ordered and not yet received. Default 0. */
  onOrder?: number;
  /** Units owed to customers (backorders). Default 0. */
  backorders?: number;
  /** Lead time in forecast periods (> 0). */
  leadTime: number;
  /** Standard deviation of the lead time in periods (used by the `normal` policy). Default 0. */
  leadTimeSd?: number;
  /** Purchase cost per unit: order value = quantity x unitCost, used by approval and budgets. */
  unitCost?: number;
  /** Holding cost per unit per period (newsvendor). */
  holdingCost?: number;
  /** Cost per unit short (newsvendor). */
  stockoutCost?: number;
  /** Fixed cost per order. */
  orderingCost?: number;
  /** Minimum order quantity. */
  moq?: number;
  /** Case pack: orders are whole multiples of it. */
  casePack?: number;
  /** Shelf capacity: inventory position after ordering may not exceed it. */
  maxShelf?: number;
  /** Periods between reviews (overrides the option). */
  reviewPeriod?: number;
  /** Service level for this SKU in (0, 1) (overrides the option). */
  serviceLevel?: number;
}

const NUMERIC_FIELDS = [
  'onHand',
  'onOrder',
  'backorders',
  'leadTime',
  'leadTimeSd',
  'unitCost',
  'holdingCost',
  'stockoutCost',
  'orderingCost',
  'moq',
  'casePack',
  'maxShelf',
  'reviewPeriod',
  'serviceLevel',
] as const;

type NumericField = (typeof NUMERIC_FIELDS)[number];
const POSITIVE: ReadonlySet<NumericField> = new Set(['leadTime', 'casePack', 'reviewPeriod']);

/** True when every present numeric field is valid (the allocation-free check of the common case). */
function isValidRecord(record: Partial<StockRecord>): boolean {
  if (typeof record.sku !== 'string' || record.sku === '') return false;
  for (const field of NUMERIC_FIELDS) {
    const value = record[field];
    if (value === undefined || value === null) {
      if (field === 'onHand' || field === 'leadTime') return false;
      continue;
    }
    if (typeof value !== 'number' || !(value >= 0) || value === Number.POSITIVE_INFINITY) return false;
    if (field === 'serviceLevel' ? !(value > 0 && value < 1) : POSITIVE.has(field) && !(value > 0))
      return false;
  }
  return true;
}

/** Issues with one record: missing or non-numeric fields, negative stock, lead time <= 0, service level outside (0, 1). */
export function stockRecordIssues(
  record: Partial<StockRecord>,
  location: { file?: string; row?: number } = {},
): InputIssue[] {
  if (isValidRecord(record)) return [];
  const issues: InputIssue[] = [];
  const sku = typeof record.sku === 'string' ? record.sku : undefined;
  const at = (field: string, message: string, expected: string, value: unknown): InputIssue => ({
    ...location,
    sku,
    field,
    message,
    expected,
    received: describeReceived(value),
  });
  if (!sku) issues.push(at('sku', 'missing SKU', 'a non-empty string', record.sku));
  for (const field of NUMERIC_FIELDS) {
    const value = record[field];
    const required = field === 'onHand' || field === 'leadTime';
    if (value === undefined || value === null) {
      if (required) issues.push(at(field, 'missing', 'a number', value));
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push(at(field, 'not a number', 'a finite number', value));
    } else if (field === 'serviceLevel' && !(value > 0 && value < 1)) {
      issues.push(at(field, 'service level outside (0, 1)', 'a probability strictly between 0 and 1', value));
    } else if (POSITIVE.has(field) && !(value > 0)) {
      issues.push(at(field, `${field} must be > 0`, 'a number > 0', value));
    } else if (value < 0) {
      issues.push(
        at(field, field === 'onHand' ? 'negative stock' : 'negative value', 'a number >= 0', value),
      );
    }
  }
  return issues;
}

/** Throws one InputValidationError listing every issue (the first names its SKU and field). */
export function validateStockRecords(records: readonly Partial<StockRecord>[], file?: string): StockRecord[] {
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  records.forEach((record, i) => {
    const valid = isValidRecord(record);
    const duplicate = typeof record.sku === 'string' && seen.has(record.sku);
    if (typeof record.sku === 'string') seen.add(record.sku);
    if (valid && !duplicate) return;
    const location = { file, row: file ? i + 1 : undefined };
    issues.push(...stockRecordIssues(record, location));
    if (duplicate) issues.push({ ...location, sku: record.sku, field: 'sku', message: 'duplicate SKU' });
  });
  if (issues.length) throw new InputValidationError({ issues });
  return records as StockRecord[];
}

const ALIASES: Record<string, NumericField | 'sku'> = {
  sku: 'sku',
  id: 'sku',
  item: 'sku',
  on_hand: 'onHand',
  on_order: 'onOrder',
  lead_time: 'leadTime',
  lead_time_sd: 'leadTimeSd',
  unit_cost: 'unitCost',
  holding_cost: 'holdingCost',
  stockout_cost: 'stockoutCost',
  ordering_cost: 'orderingCost',
  case_pack: 'casePack',
  max_shelf: 'maxShelf',
  review_period: 'reviewPeriod',
  service_level: 'serviceLevel',
};

/**
 * Reads a stock CSV: a `sku` column and the StockRecord fields, in camelCase or snake_case
 * (`on_hand`, `lead_time`, ...). Empty cells are absent values; text that is not a number is
 * reported (SKU, row, field), never coerced.
 */
export function parseStockCsv(text: string, file?: string): StockRecord[] {
  const table = parseCsv(text, file);
  const names = table.header.map(
    (name) => ALIASES[name] ?? (NUMERIC_FIELDS as readonly string[]).find((f) => f === name),
  );
  const skuColumn = names.indexOf('sku');
  if (skuColumn < 0) {
    throw new InputValidationError({
      issues: [{ file, field: 'sku', message: 'no sku column in the header' }],
    });
  }
  const records = table.rows.map((row) => {
    const record: Record<string, unknown> = {};
    names.forEach((name, j) => {
      if (!name) return;
      const cell = row[j].trim();
      if (name === 'sku') record.sku = cell;
      else if (cell !== '')
        record[name] = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) ? Number(cell) : cell;
    });
    return record as Partial<StockRecord>;
  });
  return validateStockRecords(records, file ?? 'stock.csv');
}
