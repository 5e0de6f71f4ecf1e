import {
  createRng,
  InvalidArgumentError,
  type LongRunningOptions,
  throwIfAborted,
  yieldToEventLoop,
} from '@shoppilot/core';
import { type Accumulators, createAccumulators, type SimulationKpis, summarize } from './kpis';
import type { PlanContext, SimulationPolicy } from './types';

/** Per-SKU value (Float64Array, one per SKU) or one value for all. */
export type PerSku = number | Float64Array;

export interface SimulationOptions extends LongRunningOptions {
  /** First simulated period; earlier periods are history only (forecast warm-up). Default 0. */
  start?: number;
  /** Mean lead time in whole periods (>= 1). Default 1. */
  leadTime?: number;
  /** Lead-time standard deviation: each order's lead time is max(1, round(N(leadTime, sd))). Default 0. */
  leadTimeSd?: number;
  /** `lost-sales` (default) or `backorders`. */
  unmetDemand?: 'lost-sales' | 'backorders';
  /** Holding cost per unit on hand at the end of a period. Default 0. */
  holdingCost?: PerSku;
  /** Fixed cost per order. Default 0. */
  orderingCost?: PerSku;
  /** Cost per unit lost (lost sales) or per unit backordered per period (backorders). Default 0. */
  stockoutCost?: PerSku;
  /** Purchase cost per unit ordered. Default 0. */
  unitCost?: PerSku;
  /** Shelf capacity: orders never raise the inventory position above it. Default unlimited. */
  shelfCapacity?: PerSku;
  /** Stock on hand at `start`. Default: each SKU's first order-up-to level (a policy starts on target). */
  initialOnHand?: Float64Array;
  /** Orders rounded up to whole units. Default true. */
  wholeUnits?: boolean;
  /** Seed for stochastic lead times. Default 1. */
  seed?: number;
  /** Days per period, for days of supply. Default 7. */
  daysPerPeriod?: number;
  /** Periods per year, for annual turnover. Default 52. */
  periodsPerYear?: number;
}

export interface DemandMatrix {
  /** SKU-major: demand[sku * periods + t]; NaN = period not observed (no demand, no KPI counted). */
  demand: Float64Array;
  skuCount: number;
  periods: number;
  /** Optional SKU ids, carried to results. */
  ids?: readonly string[];
}

export interface SimulationResult {
  policy: string;
  kpis: SimulationKpis;
  /** Per-SKU fill rate and average on hand. */
  perSku: { fillRate: Float64Array; averageOnHand: Float64Array };
  warnings: string[];
}

const at = (value: PerSku | undefined, i: number, fallback: number) =>
  value === undefined ? fallback : typeof value === 'number' ? value : value[i];

/**
 * Multi-period, multi-SKU inventory simulation. Each period t >= start, per SKU: (1) orders due
 * arrive (filling backorders first); (2) the policy plans from demand before t only; (3) an order is
 * placed when the position is below the reorder level, capped by shelf capacity, with a random lead
 * time; (4) demand is served from stock (the rest lost or backordered); (5) costs accrue on the
 * end-of-period state. Typed arrays throughout; seeded and reproducible.
 */
export async function simulateInventory(
  matrix: DemandMatrix,
  policy: SimulationPolicy,
  options: SimulationOptions = {},
): Promise<SimulationResult> {
  const { skuCount: n, periods: T, demand } = checkMatrix(matrix);
  const start = options.start ?? 0;
  const lead = options.leadTime ?? 1;
  const leadSd = options.leadTimeSd ?? 0;
  if (!Number.isInteger(lead) || lead < 1)
    throw new InvalidArgumentError({
      argument: 'leadTime',
      message: 'must be a whole number >= 1',
      value: lead,
    });
  if (!(start >= 0 && start < T))
    throw new InvalidArgumentError({ argument: 'start', message: `must be in [0, ${T})`, value: start });
  const rng = createRng(options.seed ?? 1);
  const maxLead = lead + Math.ceil(4 * leadSd) + 1;
  const ring = maxLead + 1;
  const pipeline = new Float64Array(ring * n);
  const net = new Float64Array(n);
  const onOrder = new Float64Array(n);
  const backorders = options.unmetDemand === 'backorders';
  const context = createContext(matrix, lead);
  const acc = createAccumulators(n);
  for (let t = start; t < T; t++) {
    throwIfAborted(options.signal);
    receive(t, n, ring, pipeline, net, onOrder, acc);
    for (let i = 0; i < n; i++) context.inventoryPosition[i] = net[i] + onOrder[i];
    context.period = t;
    policy.plan(context);
    if (t === start) initialize(net, context, options.initialOnHand, acc);
    for (let i = 0; i < n; i++) {
      const q = orderSize(
        context,
        i,
        at(options.shelfCapacity, i, Number.POSITIVE_INFINITY),
        options.wholeUnits ?? true,
      );
      if (q > 0) {
        const l = leadSd > 0 ? Math.min(maxLead, Math.max(1, Math.round(rng.normal(lead, leadSd)))) : lead;
        pipeline[((t + l) % ring) * n + i] += q;
        onOrder[i] += q;
        acc.orders++;
        acc.orderedUnits += q;
        acc.orderingCost += at(options.orderingCost, i, 0);
        acc.purchaseCost += q * at(options.unitCost, i, 0);
      }
      serve(i, demand[i * T + t], net, backorders, context.forecastMean[i], acc);
      const onHand = Math.max(net[i], 0);
      acc.holdingCost += onHand * at(options.holdingCost, i, 0);
      const short = backorders ? Math.max(-net[i], 0) : acc.lastLost;
      acc.stockoutCost += short * at(options.stockoutCost, i, 0);
      acc.onHandSum[i] += onHand;
    }
    acc.periods++;
    options.onProgress?.({ stage: 'simulate', completed: t - start + 1, total: T - start });
    if ((t - start) % 8 === 7) await yieldToEventLoop();
  }
  const kpis = summarize(acc, matrix, start, options);
  return {
    policy: policy.name,
    kpis,
    perSku: { fillRate: acc.perSkuFillRate(), averageOnHand: acc.perSkuOnHand() },
    warnings: [],
  };
}

function createContext(matrix: DemandMatrix, leadTime: number): PlanContext {
  const { skuCount: n, periods: T, demand } = matrix;
  const context: PlanContext = {
    period: 0,
    skuCount: n,
    leadTime,
    history: (sku) => demand.subarray(sku * T, sku * T + context.period),
    inventoryPosition: new Float64Array(n),
    reorderLevel: new Float64Array(n),
    orderUpTo: new Float64Array(n),
    batchSize: new Float64Array(n),
    forecastMean: new Float64Array(n).fill(Number.NaN),
  };
  return context;
}

function initialize(
  net: Float64Array,
  context: PlanContext,
  initial: Float64Array | undefined,
  acc: Accumulators,
): void {
  for (let i = 0; i < net.length; i++) {
    net[i] = initial ? initial[i] : Math.max(context.orderUpTo[i], 0);
    context.inventoryPosition[i] = net[i];
    acc.initialOnHand += net[i];
  }
}

function receive(
  t: number,
  n: number,
  ring: number,
  pipeline: Float64Array,
  net: Float64Array,
  onOrder: Float64Array,
  acc: Accumulators,
): void {
  const base = (t % ring) * n;
  for (let i = 0; i < n; i++) {
    const arriving = pipeline[base + i];
    if (arriving === 0) continue;
    const owed = Math.max(-net[i], 0);
    acc.shipped += Math.min(owed, arriving);
    net[i] += arriving;
    onOrder[i] -= arriving;
    acc.received += arriving;
    pipeline[base + i] = 0;
  }
}

function orderSize(context: PlanContext, i: number, capacity: number, whole: boolean): number {
  const position = context.inventoryPosition[i];
  const reorder = context.reorderLevel[i];
  if (!(position < reorder)) return 0;
  const batch = context.batchSize[i];
  let q =
    batch > 0 ? batch * (Math.floor((reorder - position) / batch) + 1) : context.orderUpTo[i] - position;
  q = Math.min(q, capacity - position);
  if (whole) q = Math.ceil(q - 1e-9);
  return q > 0 ? q : 0;
}

function serve(
  i: number,
  d: number,
  net: Float64Array,
  backorders: boolean,
  forecast: number,
  acc: Accumulators,
): void {
  acc.lastLost = 0;
  if (Number.isNaN(d)) return;
  const fromStock = Math.min(Math.max(net[i], 0), d);
  acc.observe(i, d, fromStock, forecast);
  if (backorders) net[i] -= d;
  else {
    net[i] -= fromStock;
    acc.lastLost = d - fromStock;
    acc.lost += acc.lastLost;
  }
  acc.shipped += fromStock;
  if (Math.max(net[i], 0) === 0) acc.outOfStock++;
}

function checkMatrix(matrix: DemandMatrix): DemandMatrix {
  const { demand, skuCount, periods } = matrix;
  if (demand.length !== skuCount * periods) {
    throw new InvalidArgumentError({
      argument: 'demand',
      message: `has ${demand.length} values, expected skuCount x periods = ${skuCount * periods}`,
    });
  }
  for (let k = 0; k < demand.length; k++) {
    if (demand[k] < 0) {
      const sku = matrix.ids?.[Math.floor(k / periods)] ?? String(Math.floor(k / periods));
      throw new InvalidArgumentError({
        argument: 'demand',
        message: `SKU ${sku}, period ${k % periods}: negative demand`,
        value: demand[k],
      });
    }
  }
  return matrix;
}
