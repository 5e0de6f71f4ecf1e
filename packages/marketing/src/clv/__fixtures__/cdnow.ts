import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CDNOW fixtures committed under datasets/cdnow (MIT, lifetimes; see datasets/SOURCES.md). */
export const cdnowDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../datasets/cdnow');

export interface CdnowSummaryRow {
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
}

/** cdnow_sample_summary_monetary.csv: ID,x,t_x,T,zbar (x repeat purchases, weeks, mean repeat spend). */
export function readCdnowSummary(): CdnowSummaryRow[] {
  const lines = readFileSync(resolve(cdnowDir, 'cdnow_sample_summary_monetary.csv'), 'utf8')
    .trim()
    .split('\n');
  return lines.slice(1).map((line) => {
    const [, x, tx, T, zbar] = line.split(',').map(Number);
    return { frequency: x, recency: tx, T, monetaryValue: zbar };
  });
}

/** cdnow_sample.txt: customer id, date YYYYMMDD, CDs, dollars (whitespace separated). */
export function readCdnowTransactions(): Array<{ customerId: string; date: string; amount: number }> {
  const text = readFileSync(resolve(cdnowDir, 'cdnow_sample.txt'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [customerId, , date, , amount] = line.trim().split(/\s+/);
      return { customerId, date, amount: Number(amount) };
    });
}
