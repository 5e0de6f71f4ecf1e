import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors/index';
import { readTransactions } from './read-transactions';

/**
 * Real data: the first 2,000 lines of UCI Online Retail (CC0), committed as
 * datasets/online_retail_sample.csv. Expected numbers counted independently with Python's csv module:
 *
 * python3 -c "import csv; r=list(csv.DictReader(open('datasets/online_retail_sample.csv', newline='')));
 *   a=[x for x in r if x['CustomerID'].strip()]; c=[x for x in a if x['InvoiceNo'].startswith('C')];
 *   print(len(r), len(r)-len(a), len(a), len(c), sum(int(x['Quantity']) for x in c),
 *   len({x['InvoiceNo'] for x in a}), len({x['CustomerID'] for x in a}), sum(int(x['Quantity']) for x in a),
 *   round(sum(int(x['Quantity'])*float(x['UnitPrice']) for x in a), 2))"
 * → 1999 533 1466 26 -183 90 72 17130 32290.08
 * (no unit price in the sample is negative; rows missing CustomerID start at 623, 1444, 1445.)
 */
const sample = fileURLToPath(new URL('../../../../datasets/online_retail_sample.csv', import.meta.url));

describe('readTransactions on UCI Online Retail (first 2,000 lines)', () => {
  it('lenient: accepts 1,466 lines, rejects the 533 without CustomerID with that reason', async () => {
    const reader = readTransactions(sample, { mode: 'lenient', batchSize: 500 });
    const batchSizes: number[] = [];
    const records = [];
    for await (const batch of reader) {
      batchSizes.push(batch.length);
      records.push(...batch);
    }
    const { summary } = reader;
    expect(summary).toMatchObject({
      rows: 1999,
      accepted: 1466,
      rejected: 533,
      done: true,
      timestampFormat: 'iso',
    });
    expect(batchSizes).toEqual([500, 500, 466]);
    expect(summary.reasons).toEqual({ 'customerId: missing value (column "CustomerID")': 533 });
    expect(summary.rejections.slice(0, 3).map((rejection) => rejection.row)).toEqual([623, 1444, 1445]);
    expect(summary.columns?.used).toEqual({
      transactionId: 'InvoiceNo',
      customerId: 'CustomerID',
      timestamp: 'InvoiceDate',
      itemId: 'StockCode',
      quantity: 'Quantity',
      unitPrice: 'UnitPrice',
      country: 'Country',
    });
    expect(summary.columns?.unused).toEqual(['Description']);

    const cancellations = records.filter((record) => record.transactionId.startsWith('C'));
    expect(cancellations).toHaveLength(26);
    expect(cancellations.reduce((sum, record) => sum + record.quantity, 0)).toBe(-183);
    expect(new Set(records.map((record) => record.transactionId)).size).toBe(90);
    expect(new Set(records.map((record) => record.customerId)).size).toBe(72);
    expect(records.reduce((sum, record) => sum + record.quantity, 0)).toBe(17130);
    expect(records.reduce((sum, record) => sum + (record.amount ?? 0), 0)).toBeCloseTo(32290.08, 6);
    expect(records[0]).toEqual({
      transactionId: '536365',
      customerId: '17850',
      timestamp: Date.UTC(2010, 11, 1, 8, 26),
      itemId: '85123A',
      quantity: 6,
      unitPrice: 2.55,
      amount: 15.3,
      country: 'United Kingdom',
    });
  });

  it('strict: stops at row 623 naming the file, the field and its column', async () => {
    const error = await readTransactions(sample)
      .collect()
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(InputValidationError.isInstance(error)).toBe(true);
    const { issues } = error as InputValidationError;
    expect(issues).toEqual([
      {
        file: sample,
        row: 623,
        field: 'customerId',
        message: 'missing value (column "CustomerID")',
        expected: 'a string',
        received: 'nothing',
      },
    ]);
  });
});
