import { type Transaction, transactionSchema } from '../schema/transaction';
import { createDomainReader } from './domain-reader';
import type { ReadSource } from './open-source';
import type { ReadOptions, RecordReader } from './record-reader';

/** Usual column names of transaction fields (normalised), e.g. UCI Online Retail's. */
export const TRANSACTION_COLUMN_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  transactionId: ['invoiceno', 'invoice', 'invoiceid', 'orderid', 'order', 'orderno', 'transaction', 'txid'],
  customerId: ['customer', 'userid', 'user', 'clientid', 'client'],
  itemId: ['stockcode', 'sku', 'productid', 'product', 'item', 'itemid'],
  timestamp: ['invoicedate', 'orderdate', 'date', 'datetime', 'time', 'ts', 'createdat'],
  quantity: ['qty', 'units'],
  unitPrice: ['price', 'unitprice'],
  amount: ['total', 'revenue', 'sales', 'value', 'lineamount'],
};

/**
 * Streams transaction lines (`Transaction`) in batches. When `amount` is absent and both
 * `quantity` and `unitPrice` are known, it is filled in as their product (rounded to 12
 * significant digits, so 6 x 2.55 gives 15.3). Cancellations keep their negative quantity.
 *
 * ```ts
 * const { records, summary } = await readTransactions('online_retail.csv.gz', { mode: 'lenient' }).collect();
 * ```
 */
export function readTransactions(source: ReadSource, options: ReadOptions = {}): RecordReader<Transaction> {
  return createDomainReader(
    source,
    {
      schema: transactionSchema,
      timestampFields: ['timestamp'],
      synonyms: TRANSACTION_COLUMN_SYNONYMS,
      transform: fillAmount,
    },
    options,
  );
}

function fillAmount(record: Transaction): Transaction {
  if (record.amount === undefined && record.unitPrice !== undefined) {
    record.amount = Number((record.quantity * record.unitPrice).toPrecision(12));
  }
  return record;
}
