/**
 * Get recommendations: who bought what (a year of invoices, committed under datasets/) → an
 * item-kNN recommender → a customer's top 10 with the purchases behind each, then the list
 * re-ranked for a phone at lunchtime with a merchant rule, MMR diversity and a category cap.
 *
 *   node --conditions=@shoppilot/source --import tsx examples/recsys-recommend/src/main.ts [customer]
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readTransactions } from '@shoppilot/core';
import {
  createInteractions,
  type InteractionRow,
  ItemKnnRecommender,
  rankForContext,
} from '@shoppilot/recsys';

const FILE = fileURLToPath(
  new URL('../../../datasets/online_retail/online_retail_subset.csv.gz', import.meta.url),
);

export interface RecommendExample {
  customer: string;
  top: Array<{ itemId: string; score: number; reasons: string[] }>;
  /** The product the merchant pushes at lunchtime (here: the 10th of the plain list). */
  promoted: string;
  lunchOnMobile: { layout: string; rulesApplied: string[]; items: string[] };
}

/** First purchase of each (customer, product); cancellations (negative quantity) left out. */
export async function purchases(file = FILE): Promise<InteractionRow[]> {
  const first = new Map<string, InteractionRow>();
  const reader = readTransactions(file, { mode: 'lenient', mapping: { itemId: 'StockCode' } });
  for await (const batch of reader) {
    for (const t of batch) {
      if (t.quantity <= 0 || !t.itemId) continue;
      const key = `${t.customerId}\u0000${t.itemId}`;
      if (!first.has(key)) first.set(key, { userId: t.customerId, itemId: t.itemId, timestamp: t.timestamp });
    }
  }
  return [...first.values()];
}

export async function run(customer = '17850'): Promise<RecommendExample> {
  const rows = await purchases();
  const model = new ItemKnnRecommender({ similarity: 'cosine', neighbours: 100 }).fit(
    createInteractions(rows),
  );
  const top = model.recommend(customer, { k: 10 });
  const candidates = model.recommend(customer, { k: 50 }).items.map((item) => ({
    itemId: item.itemId,
    score: item.score,
    category: item.itemId.replace(/[A-Z]+$/, ''), // colour variants of a product share the code's digits
    reasons: item.reasons,
  }));
  const promoted = top.items[top.items.length - 1].itemId;
  const lunch = rankForContext(
    candidates,
    { timestamp: Date.UTC(2011, 11, 7, 12, 30), device: 'mobile' },
    {
      k: 10,
      rules: [
        {
          name: 'lunchtime: small gifts',
          when: { dayparts: ['lunch'] },
          favour: { items: [promoted] },
          boost: 0.5,
        },
      ],
      diversity: { method: 'mmr', weight: 0.7 },
      business: { categoryCaps: { default: 1 } },
    },
  );
  return {
    customer,
    top: top.items.map(({ itemId, score, reasons }) => ({ itemId, score, reasons })),
    promoted,
    lunchOnMobile: {
      layout: lunch.presentation.layout,
      rulesApplied: lunch.rulesApplied,
      items: lunch.items.map((c) => c.itemId),
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run(process.argv[2]);
  console.log(`top 10 for customer ${result.customer}:`);
  for (const item of result.top)
    console.log(`  ${item.itemId.padEnd(7)} ${item.score.toFixed(3)}  ${item.reasons.join('; ')}`);
  const lunch = result.lunchOnMobile;
  console.log(
    `on a phone at lunchtime (${lunch.layout}; rules: ${lunch.rulesApplied.join(', ') || 'none'}; promoting ${result.promoted}): ${lunch.items.join(', ')}`,
  );
}
