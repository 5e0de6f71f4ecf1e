import {
  BgNbdModel,
  type CustomerSummary,
  calibrationHoldoutSummary,
  customerLifetimeValue,
  GammaGammaModel,
  lifecycleStage,
  type PurchaseRecord,
} from '@shoppilot/marketing';
import type { RetailLine } from '../../data/retail';

export interface ClvResult {
  customers: number;
  calibrationEnd: string;
  holdoutEnd: string;
  holdoutWeeks: number;
  bgnbd: { r: number; alpha: number; a: number; b: number };
  gammaGamma: { p: number; q: number; v: number };
  holdout: { actualRepeatPurchases: number; predictedRepeatPurchases: number };
  penalizer: number;
  /** Customers whose CLV could not be computed (not finite), left out of the totals. */
  invalidClv: number;
  horizonWeeks: number;
  discountRatePerMonth: number;
  totalClv: number;
  /** CLV distribution over uneven bins (most customers are worth little, a few a lot). */
  histogram: { edges: number[]; counts: number[] };
  top: Array<{ customerId: string; clv: number; probabilityAlive: number; orders: number }>;
  stages: Array<{ stage: string; customers: number; action: string }>;
  /** Valuable customers whose P(alive) fell: the churn list, with the recommended action. */
  churnRisk: Array<{
    customerId: string;
    pastSpend: number;
    probabilityAlive: number;
    stage: string;
    reason: string;
    weeksSinceLastOrder: number;
    action: string;
  }>;
}

const DAY = 86_400_000;

/**
 * L2 penalty on the BG/NBD log-parameters (as lifetimes' penalizer_coef). Unpenalised, the fit on
 * this wholesaler's customers runs to the boundary (a → 0, b ≈ 2·10^5: almost no dropout), where
 * the conditional expectations become very slow and some come out NaN.
 */
const PENALIZER = 0.01;

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** One purchase per invoice of an identified customer (value of its lines). */
export function invoicePurchases(lines: readonly RetailLine[]): PurchaseRecord[] {
  const byInvoice = new Map<string, PurchaseRecord & { amount: number }>();
  for (const line of lines) {
    if (line.cancelled || !line.customerId) continue;
    const entry = byInvoice.get(line.invoice) ?? {
      customerId: line.customerId,
      date: iso(line.timestamp),
      amount: 0,
    };
    entry.amount += line.quantity * line.unitPrice;
    byInvoice.set(line.invoice, entry);
  }
  return [...byInvoice.values()].filter((p) => p.amount > 0);
}

const CLV_EDGES = [0, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 50_000, Number.POSITIVE_INFINITY];

function histogramOf(values: readonly number[]): ClvResult['histogram'] {
  const counts = new Array<number>(CLV_EDGES.length - 1).fill(0);
  for (const v of values) {
    const bin = CLV_EDGES.findIndex((edge, i) => v >= edge && v < CLV_EDGES[i + 1]);
    counts[Math.max(0, bin)]++;
  }
  const last = Math.max(...values, CLV_EDGES[CLV_EDGES.length - 2] * 2);
  return { edges: [...CLV_EDGES.slice(0, -1), Math.ceil(last)], counts };
}

function pastSpend(purchases: readonly PurchaseRecord[]): Map<string, number> {
  const spend = new Map<string, number>();
  for (const p of purchases) spend.set(p.customerId, (spend.get(p.customerId) ?? 0) + (p.amount ?? 0));
  return spend;
}

/** BG/NBD + Gamma-Gamma: a holdout check, then 52-week CLV, lifecycle stages and a churn list. */
export function customerValue(lines: readonly RetailLine[], end: number): ClvResult {
  const purchases = invoicePurchases(lines);
  const holdoutWeeks = 13;
  const calibrationEnd = iso(end - holdoutWeeks * 7 * DAY);
  const holdoutEnd = iso(end);
  const split = calibrationHoldoutSummary(purchases, { calibrationEnd, holdoutEnd, period: 'week' });
  const check = new BgNbdModel({ penalizer: PENALIZER }).fit(split.customers);
  const predicted = check.predict(split.customers, split.durationHoldout).expectedPurchases;
  const full = calibrationHoldoutSummary(purchases, { calibrationEnd: holdoutEnd, period: 'week' }).customers;
  const bgnbd = new BgNbdModel({ penalizer: PENALIZER }).fit(full);
  const repeaters = full.filter((c) => c.frequency > 0 && c.monetaryValue > 0);
  const gammaGamma = new GammaGammaModel().fit(repeaters);
  const spend = gammaGamma.predict(full);
  const clv = customerLifetimeValue(bgnbd, full, spend, { horizon: 52, discountRate: 0.01 });
  const alive = full.map((c) => bgnbd.probabilityAlive(c));
  const stages = full.map((c: CustomerSummary) => lifecycleStage(bgnbd, c));
  const stageCounts = new Map<string, { customers: number; action: string }>();
  for (const s of stages)
    stageCounts.set(s.stage, { customers: (stageCounts.get(s.stage)?.customers ?? 0) + 1, action: s.action });
  const spent = pastSpend(purchases);
  const order = full.map((_, i) => i);
  const spendCut = [...spent.values()].sort((a, b) => b - a)[Math.floor(spent.size / 4)] ?? 0;
  return {
    customers: full.length,
    calibrationEnd,
    holdoutEnd,
    holdoutWeeks,
    bgnbd: bgnbd.parameters,
    gammaGamma: gammaGamma.parameters,
    holdout: {
      actualRepeatPurchases: split.customers.reduce((s, c) => s + (c.frequencyHoldout ?? 0), 0),
      predictedRepeatPurchases: predicted.reduce((s, v) => s + v, 0),
    },
    penalizer: PENALIZER,
    invalidClv: clv.filter((v) => !Number.isFinite(v)).length,
    horizonWeeks: 52,
    discountRatePerMonth: 0.01,
    totalClv: clv.filter(Number.isFinite).reduce((s, v) => s + v, 0),
    histogram: histogramOf(clv.filter(Number.isFinite)),
    top: [...order]
      .sort((a, b) => clv[b] - clv[a])
      .slice(0, 10)
      .map((i) => ({
        customerId: full[i].customerId,
        clv: clv[i],
        probabilityAlive: alive[i],
        orders: full[i].frequency + 1,
      })),
    stages: [...stageCounts].map(([stage, v]) => ({ stage, ...v })).sort((a, b) => b.customers - a.customers),
    churnRisk: order
      .filter(
        (i) =>
          (spent.get(full[i].customerId) ?? 0) >= spendCut &&
          (stages[i].stage === 'at-risk' || stages[i].stage === 'churned'),
      )
      .sort((a, b) => (spent.get(full[b].customerId) ?? 0) - (spent.get(full[a].customerId) ?? 0))
      .slice(0, 10)
      .map((i) => ({
        customerId: full[i].customerId,
        pastSpend: spent.get(full[i].customerId) ?? 0,
        probabilityAlive: alive[i],
        stage: stages[i].stage,
        reason: stages[i].reason,
        weeksSinceLastOrder: full[i].T - full[i].recency,
        action: stages[i].action,
      })),
  };
}
