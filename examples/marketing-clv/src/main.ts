/**
 * Customer lifetime value from raw purchases (the CDNOW sample, committed under datasets/):
 * BG/NBD for how often customers buy and when they stop, Gamma-Gamma for how much they spend,
 * a holdout check, then 52-week CLV and a lifecycle stage with an action per customer.
 *
 *   node --conditions=@shoppilot/source --import tsx examples/marketing-clv/src/main.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  BgNbdModel,
  calibrationHoldoutSummary,
  customerLifetimeValue,
  GammaGammaModel,
  lifecycleStage,
  type PurchaseRecord,
} from '@shoppilot/marketing';

const FILE = fileURLToPath(new URL('../../../datasets/cdnow/cdnow_sample.txt', import.meta.url));

export interface ClvExample {
  customers: number;
  bgnbd: { r: number; alpha: number; a: number; b: number };
  gammaGamma: { p: number; q: number; v: number };
  holdout: { predicted: number; actual: number };
  top: Array<{ customerId: string; clv: number; stage: string; action: string }>;
}

/** Lines `customer  id  YYYYMMDD  CDs  dollars`. */
export function readCdnow(file = FILE): PurchaseRecord[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [customerId, , day, , amount] = line.trim().split(/\s+/);
      return {
        customerId,
        date: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`,
        amount: Number(amount),
      };
    });
}

export function run(): ClvExample {
  const purchases = readCdnow();
  const { customers, durationHoldout } = calibrationHoldoutSummary(purchases, {
    calibrationEnd: '1997-09-30',
    holdoutEnd: '1998-06-30',
    period: 'week',
  });
  const bgnbd = new BgNbdModel().fit(customers);
  const spend = new GammaGammaModel().fit(customers.filter((c) => c.frequency > 0));
  const predicted = bgnbd.predict(customers, durationHoldout).expectedPurchases.reduce((a, b) => a + b, 0);
  const actual = customers.reduce((sum, c) => sum + (c.frequencyHoldout ?? 0), 0);
  const clv = customerLifetimeValue(bgnbd, customers, spend.predict(customers), {
    horizon: 52,
    discountRate: 0.01,
  });
  const top = customers
    .map((c, i) => ({ c, clv: clv[i] }))
    .sort((x, y) => y.clv - x.clv)
    .slice(0, 5)
    .map(({ c, clv: value }) => {
      const stage = lifecycleStage(bgnbd, c);
      return { customerId: c.customerId, clv: value, stage: stage.stage, action: stage.action };
    });
  return {
    customers: customers.length,
    bgnbd: bgnbd.parameters,
    gammaGamma: spend.parameters,
    holdout: { predicted, actual },
    top,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = run();
  const { r, alpha, a, b } = result.bgnbd;
  console.log(
    `${result.customers} customers; BG/NBD r ${r.toFixed(4)} alpha ${alpha.toFixed(4)} a ${a.toFixed(4)} b ${b.toFixed(4)}`,
  );
  const { p, q, v } = result.gammaGamma;
  console.log(`Gamma-Gamma p ${p.toFixed(2)} q ${q.toFixed(2)} v ${v.toFixed(2)}`);
  console.log(
    `holdout repeat purchases: predicted ${result.holdout.predicted.toFixed(0)}, actual ${result.holdout.actual}`,
  );
  for (const t of result.top)
    console.log(`  customer ${t.customerId}: CLV $${t.clv.toFixed(2)} (${t.stage}: ${t.action})`);
}
