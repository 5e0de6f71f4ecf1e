/**
 * What to order this week: weekly quantile forecasts (CSV) + stock positions (CSV) → order
 * decisions with the reasons a planner reads; orders above £150 wait in an approval queue kept in
 * a store. Then two textbook answers: EOQ and the newsvendor.
 *
 *   node --conditions=@shoppilot/source --import tsx examples/inventory-replenish/src/main.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createStorage } from '@shoppilot/core';
import {
  economicOrderQuantity,
  issueOrders,
  newsvendorNormal,
  orderApprovalGate,
  parseForecastCsv,
  parseStockCsv,
  replenish,
} from '@shoppilot/inventory';

const data = (name: string) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));

export interface ReplenishExample {
  orders: Array<{ sku: string; quantity: number; value: number; status: string; reasons: string[] }>;
  eoq: { orderQuantity: number; cost: number };
  newsvendor: { orderUpTo: number; cost: number };
}

export async function run(storeUrl = 'memory:'): Promise<ReplenishExample> {
  const forecasts = parseForecastCsv(readFileSync(data('forecast.csv'), 'utf8'), 'forecast.csv');
  const stock = parseStockCsv(readFileSync(data('stock.csv'), 'utf8'), 'stock.csv');
  const { decisions } = replenish(forecasts, stock, { serviceLevel: 0.95, periodUnit: 'week' });

  const storage = await createStorage(storeUrl);
  const gate = orderApprovalGate({ storage, valueThreshold: 150 });
  const { issued, pendingApproval, holds } = await issueOrders(decisions, gate);
  const status = new Map([...issued, ...pendingApproval, ...holds].map((d) => [d.value.sku, d.status]));
  await storage.close();

  // Known answers (stockpyl's examples): K = 8, h = 0.225, λ = 1300; h = 0.18, p = 0.70, N(50, 8²)
  const eoq = economicOrderQuantity({ fixedCost: 8, holdingCost: 0.225, demandRate: 1300 });
  const newsvendor = newsvendorNormal({ holdingCost: 0.18, stockoutCost: 0.7, mean: 50, sd: 8 });
  return {
    orders: decisions.map((d) => ({
      sku: d.value.sku,
      quantity: d.value.quantity,
      value: d.value.orderValue ?? 0,
      status: d.value.quantity > 0 ? (status.get(d.value.sku) ?? d.status) : 'hold',
      reasons: d.reasons,
    })),
    eoq: { orderQuantity: eoq.orderQuantity, cost: eoq.cost },
    newsvendor: { orderUpTo: newsvendor.orderUpTo, cost: newsvendor.cost },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  for (const order of result.orders) {
    console.log(`${order.sku}: order ${order.quantity} (£${order.value.toFixed(2)}) — ${order.status}`);
    for (const reason of order.reasons) console.log(`    ${reason}`);
  }
  console.log(
    `EOQ ${result.eoq.orderQuantity.toFixed(4)} units, cost ${result.eoq.cost.toFixed(4)} per year`,
  );
  console.log(
    `newsvendor order up to ${result.newsvendor.orderUpTo.toFixed(4)}, expected cost ${result.newsvendor.cost.toFixed(4)}`,
  );
}
