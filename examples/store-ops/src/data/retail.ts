import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type LongRunningOptions, murmurHash3, readRecords } from '@shoppilot/core';
import { isServiceCode, productGroup } from './product-group';

/** One invoice line of the Online Retail data, as the demo uses it. */
export interface RetailLine {
  /** 1-based data row in the file (the event id is built from it). */
  row: number;
  invoice: string;
  itemId: string;
  description: string;
  /** Units; negative on cancellations. */
  quantity: number;
  timestamp: number;
  unitPrice: number;
  /** Undefined for guest checkouts (no CustomerID). */
  customerId: string | undefined;
  country: string;
  /** Invoice number starts with C. */
  cancelled: boolean;
  /** Postage, fees, discounts and other non-goods lines. */
  service: boolean;
  group: string;
}

export interface RetailData {
  file: string;
  lines: RetailLine[];
  /** Rows read, accepted, and the rejected ones counted by reason (nothing is dropped silently). */
  rows: number;
  rejected: number;
  reasons: Record<string, number>;
  /** Rows left out by `--sample` (customers and guest invoices outside the sample). */
  sampledOut: number;
  start: number;
  end: number;
}

export const RETAIL_FILE = join('online_retail', 'online_retail_subset.csv.gz');

/** Where the invoices may be under a data folder: the committed subset, or the full UCI file (shared datasets layout). */
export const RETAIL_CANDIDATES = [RETAIL_FILE, join('transactions', 'online_retail.csv.gz')];

/** The first of `candidates` that exists under `dataDir`. */
export function findDataFile(dataDir: string, candidates: readonly string[]): string {
  for (const candidate of candidates) {
    const file = join(dataDir, candidate);
    if (existsSync(file)) return file;
  }
  throw new InvalidArgumentError({
    argument: '--data-dir',
    message: `needs one of ${candidates.join(', ')}`,
    value: dataDir,
  });
}

/** Whether an id is in a hash sample of the given share (same hash as the subset tool). */
export function inSample(id: string, share: number): boolean {
  return share >= 1 || murmurHash3(id, 7) % 10_000 < Math.round(share * 10_000);
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).trim();
}

function count(reasons: Record<string, number>, reason: string): void {
  reasons[reason] = (reasons[reason] ?? 0) + 1;
}

/** A line, or the reason it cannot be used. */
function toLine(record: Record<string, unknown>, row: number): RetailLine | string {
  const invoice = text(record.InvoiceNo);
  const itemId = text(record.StockCode);
  const quantity = record.Quantity as number;
  const unitPrice = record.UnitPrice as number;
  const timestamp = record.InvoiceDate as number;
  if (!invoice) return 'InvoiceNo: missing';
  if (!itemId) return 'StockCode: missing';
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity === 0)
    return 'Quantity: not a non-zero number';
  if (typeof timestamp !== 'number') return 'InvoiceDate: not a date';
  if (typeof unitPrice !== 'number' || !(unitPrice >= 0)) return 'UnitPrice: negative (bad-debt adjustment)';
  const customer = text(record.CustomerID).replace(/\.0$/, '');
  const description = text(record.Description);
  return {
    row,
    invoice,
    itemId,
    description,
    quantity,
    timestamp,
    unitPrice,
    customerId: customer || undefined,
    country: text(record.Country) || 'Unspecified',
    cancelled: invoice.startsWith('C'),
    service: isServiceCode(itemId),
    group: productGroup(description),
  };
}

/**
 * Reads the committed Online Retail subset (`<dataDir>/online_retail/online_retail_subset.csv.gz`,
 * or the full `<dataDir>/transactions/online_retail.csv.gz`) in lenient mode. Lines that cannot be
 * used are counted by reason, never dropped silently.
 */
export async function readRetail(
  dataDir: string,
  sample: number,
  options: LongRunningOptions = {},
): Promise<RetailData> {
  const file = findDataFile(dataDir, RETAIL_CANDIDATES);
  const reader = readRecords(file, {
    fields: {
      Quantity: 'number',
      UnitPrice: 'number',
      InvoiceNo: 'string',
      StockCode: 'string',
      CustomerID: 'string',
    },
    timestampFields: ['InvoiceDate'],
    mode: 'lenient',
    onProgress: options.onProgress,
    signal: options.signal,
  });
  const lines: RetailLine[] = [];
  const reasons: Record<string, number> = {};
  let rows = 0;
  let rejected = 0;
  let sampledOut = 0;
  for await (const batch of reader) {
    for (const record of batch) {
      rows++;
      const line = toLine(record, rows);
      if (typeof line === 'string') {
        rejected++;
        count(reasons, line);
      } else if (!inSample(line.customerId ?? `guest:${line.invoice}`, sample)) sampledOut++;
      else lines.push(line);
    }
  }
  rows += reader.summary.rejected;
  rejected += reader.summary.rejected;
  for (const [reason, n] of Object.entries(reader.summary.reasons))
    reasons[reason] = (reasons[reason] ?? 0) + n;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const line of lines) {
    if (line.timestamp < start) start = line.timestamp;
    if (line.timestamp > end) end = line.timestamp;
  }
  return { file, lines, rows, rejected, reasons, sampledOut, start, end };
}
