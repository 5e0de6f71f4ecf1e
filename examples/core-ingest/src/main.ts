/**
 * From a CSV to a store: read invoice lines with validation (rows that fail are counted with the
 * reason), write them as buy/refund events into an SQLite file, and read one customer's history.
 *
 *   node --conditions=@shoppilot/source --import tsx examples/core-ingest/src/main.ts [store-url]
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BehaviorEvent, createStorage, readTransactions } from '@shoppilot/core';

const FILE = fileURLToPath(new URL('../../../datasets/online_retail_sample.csv', import.meta.url));

export interface IngestExample {
  rows: number;
  accepted: number;
  rejected: Record<string, number>;
  inserted: number;
  duplicatesOnSecondAppend: number;
  customerEvents: number;
  customerSpend: number;
}

export async function run(storeUrl = 'sqlite::memory:', customerId = '17850'): Promise<IngestExample> {
  const reader = readTransactions(FILE, { mode: 'lenient' });
  const events: BehaviorEvent[] = [];
  for await (const batch of reader) {
    batch.forEach((t, i) => {
      events.push({
        eventId: `${t.transactionId}#${events.length + i}`,
        userId: t.customerId,
        itemId: t.itemId,
        type: t.quantity < 0 ? 'refund' : 'buy',
        timestamp: t.timestamp,
        quantity: Math.abs(t.quantity),
        price: t.unitPrice,
      });
    });
  }
  const storage = await createStorage(storeUrl);
  try {
    const { inserted } = await storage.appendEvents(events);
    const again = await storage.appendEvents(events); // idempotent: ids already stored
    let customerEvents = 0;
    let customerSpend = 0;
    for await (const event of storage.scanEvents({ userId: customerId, types: ['buy'] })) {
      customerEvents++;
      customerSpend += (event.quantity ?? 0) * (event.price ?? 0);
    }
    return {
      rows: reader.summary.rows,
      accepted: reader.summary.accepted,
      rejected: reader.summary.reasons,
      inserted,
      duplicatesOnSecondAppend: again.duplicates,
      customerEvents,
      customerSpend,
    };
  } finally {
    await storage.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run(process.argv[2]);
  console.log(`${result.rows} rows read, ${result.accepted} accepted; rejected by reason:`, result.rejected);
  console.log(
    `${result.inserted} events written; appending again wrote nothing (${result.duplicatesOnSecondAppend} duplicates)`,
  );
  console.log(`customer 17850: ${result.customerEvents} purchase lines, £${result.customerSpend.toFixed(2)}`);
}
