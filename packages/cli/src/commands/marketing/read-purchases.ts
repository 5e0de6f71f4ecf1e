import { readRecords } from '@shoppilot/core';
import type { PurchaseRecord } from '@shoppilot/marketing';
import { UsageError } from '../../output/index';

export interface PurchaseColumns {
  customer: string;
  date: string;
  amount?: string;
}

/**
 * Purchases from a CSV/JSONL file by column names. Rows without a customer id are skipped and
 * counted (e.g. Online Retail's guest checkouts), never dropped silently.
 */
export async function readPurchases(
  file: string,
  columns: PurchaseColumns,
): Promise<{ purchases: PurchaseRecord[]; skippedWithoutCustomer: number }> {
  const purchases: PurchaseRecord[] = [];
  let skipped = 0;
  let checked = false;
  const fields = columns.amount ? { [columns.amount]: 'number' as const } : {};
  for await (const batch of readRecords(file, { fields })) {
    for (const row of batch) {
      if (!checked) {
        for (const column of [columns.customer, columns.date, columns.amount]) {
          if (column && !(column in row))
            throw new UsageError(`${file}: no column "${column}" (columns: ${Object.keys(row).join(', ')})`);
        }
        checked = true;
      }
      const customer = row[columns.customer];
      if (customer === undefined || customer === null || String(customer).trim() === '') {
        skipped++;
        continue;
      }
      const date = row[columns.date];
      purchases.push({
        customerId: String(customer).trim(),
        date: date instanceof Date ? date : String(date),
        amount: columns.amount ? Number(row[columns.amount]) : undefined,
      });
    }
  }
  return { purchases, skippedWithoutCustomer: skipped };
}
