/**
 * Who are my customers: read a year of invoice lines (the committed UCI Online Retail subset), turn them
 * into buy/refund events, compute per-customer features as of the end of the data, name RFM
 * segments and cluster the customers with k-means (k chosen by silhouette).
 *
 *   node --conditions=@shoppilot/source --import tsx examples/profiling-segments/src/main.ts [file.csv]
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BehaviorEvent, readTransactions, type Transaction } from '@shoppilot/core';
import {
  applyScaling,
  chooseK,
  eventTableFromEvents,
  extractUserFeatures,
  featureRecord,
  rfmSegments,
  selectFeatures,
  standardStatistics,
} from '@shoppilot/profiling';

const DEFAULT_FILE = fileURLToPath(
  new URL('../../../datasets/online_retail/online_retail_subset.csv.gz', import.meta.url),
);

export interface SegmentsExample {
  rows: number;
  rejected: number;
  customers: number;
  segments: Record<string, number>;
  k: number;
  silhouette: number;
  customer: { id: string; features: Record<string, number>; segment: string };
}

/** An invoice line as a buy (or, for a negative quantity, a refund) event of its customer. */
function toEvent(t: Transaction, line: number): BehaviorEvent {
  return {
    eventId: `${t.transactionId}#${line}`,
    userId: t.customerId,
    itemId: t.itemId,
    type: t.quantity < 0 ? 'refund' : 'buy',
    timestamp: t.timestamp,
    quantity: Math.abs(t.quantity),
    price: t.unitPrice,
  };
}

export async function run(file = DEFAULT_FILE): Promise<SegmentsExample> {
  // lenient: lines without CustomerID are counted as rejected, not silently dropped
  const { records, summary } = await readTransactions(file, { mode: 'lenient' }).collect();
  const table = eventTableFromEvents(records.map(toEvent));
  const features = extractUserFeatures(table);
  const rfm = rfmSegments(features);
  const chosen = selectFeatures(features, ['recencyDays', 'frequency', 'monetary', 'aov']);
  const matrix = {
    rows: chosen.userIds.length,
    cols: 4,
    data: chosen.values.map((v) => Math.log1p(Math.max(0, v))),
  };
  const clusters = chooseK(applyScaling(matrix, standardStatistics(matrix)), {
    candidates: [2, 3, 4, 5],
    seed: 1,
    nInit: 4,
  });
  const row = features.userIds.indexOf('17850');
  return {
    rows: summary.rows,
    rejected: summary.rejected,
    customers: features.userIds.length,
    segments: rfm.counts,
    k: clusters.k,
    silhouette: clusters.scores.find((s) => s.k === clusters.k)?.silhouette ?? Number.NaN,
    customer: { id: '17850', features: featureRecord(features, row), segment: rfm.segment[row] },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run(process.argv[2]);
  console.log(
    `${result.rows} lines read, ${result.rejected} without a customer; ${result.customers} customers`,
  );
  console.log('RFM segments:', result.segments);
  console.log(`k-means: k = ${result.k} (silhouette ${result.silhouette.toFixed(3)})`);
  const f = result.customer.features;
  console.log(
    `customer ${result.customer.id}: ${f.frequency} orders, £${f.monetary.toFixed(2)} net, AOV £${f.aov.toFixed(2)} → ${result.customer.segment}`,
  );
}
