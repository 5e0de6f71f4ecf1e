import { inSampleScale } from './forecast-metrics';
import type { DemandMatrix, SimulationOptions } from './simulate';

/** Inventory KPIs of one simulation run (all over the simulated periods). */
export interface SimulationKpis {
  /** Units served from stock when demanded / units demanded (type-2 service). */
  fillRate: number;
  /** Share of observed SKU-periods in which all demand was served from stock (type-1 service per review period). */
  cycleServiceLevel: number;
  /** Share of observed SKU-periods that ended with nothing on hand. */
  stockOutRate: number;
  /** Units of demand lost (lost-sales mode). */
  lostSales: number;
  /** Units demanded. */
  totalDemand: number;
  /** Units shipped (from stock, plus backorders filled on arrival). */
  unitsSold: number;
  /** Mean end-of-period on hand per SKU and period. */
  averageOnHand: number;
  /** Mean end-of-period on hand summed over SKUs. */
  averageInventory: number;
  /** Units sold per year / average inventory (annualised with periodsPerYear). */
  inventoryTurnover: number;
  /** Average inventory / average daily sales. */
  daysOfSupply: number;
  /** 动销率: mean over periods of the share of observed SKUs that sold at least one unit. */
  sellThroughRate: number;
  /** Units sold / (initial on hand + units received): the classic unit sell-through. */
  unitSellThrough: number;
  orders: number;
  holdingCost: number;
  orderingCost: number;
  stockoutCost: number;
  purchaseCost: number;
  totalCost: number;
  /** Mean over SKUs of the scaled periods in stock of the policy's one-step forecasts (NaN when the policy gives none). */
  sPIS: number;
  /** Mean over SKUs of the scaled cumulative error of those forecasts (> 0: over-forecast). */
  sCE: number;
  /** Simulated periods. */
  periods: number;
}

export interface Accumulators {
  periods: number;
  orders: number;
  orderedUnits: number;
  received: number;
  shipped: number;
  lost: number;
  lastLost: number;
  outOfStock: number;
  initialOnHand: number;
  holdingCost: number;
  orderingCost: number;
  stockoutCost: number;
  purchaseCost: number;
  onHandSum: Float64Array;
  observe(sku: number, demand: number, fromStock: number, forecast: number): void;
  perSkuFillRate(): Float64Array;
  perSkuOnHand(): Float64Array;
  internals: {
    demand: Float64Array;
    served: Float64Array;
    observed: Float64Array;
    metPeriods: Float64Array;
    sellingSkuPeriods: number;
    ce: Float64Array;
    pis: Float64Array;
    forecastCount: Float64Array;
  };
}

export function createAccumulators(n: number): Accumulators {
  const internals = {
    demand: new Float64Array(n),
    served: new Float64Array(n),
    observed: new Float64Array(n),
    metPeriods: new Float64Array(n),
    sellingSkuPeriods: 0,
    ce: new Float64Array(n),
    pis: new Float64Array(n),
    forecastCount: new Float64Array(n),
  };
  const acc: Accumulators = {
    periods: 0,
    orders: 0,
    orderedUnits: 0,
    received: 0,
    shipped: 0,
    lost: 0,
    lastLost: 0,
    outOfStock: 0,
    initialOnHand: 0,
    holdingCost: 0,
    orderingCost: 0,
    stockoutCost: 0,
    purchaseCost: 0,
    onHandSum: new Float64Array(n),
    internals,
    observe(sku, demand, fromStock, forecast) {
      internals.demand[sku] += demand;
      internals.served[sku] += fromStock;
      internals.observed[sku]++;
      if (fromStock >= demand) internals.metPeriods[sku]++;
      if (fromStock > 0) internals.sellingSkuPeriods++;
      if (!Number.isNaN(forecast)) {
        internals.ce[sku] += forecast - demand;
        internals.pis[sku] += internals.ce[sku];
        internals.forecastCount[sku]++;
      }
    },
    perSkuFillRate: () =>
      internals.served.map((s, i) => (internals.demand[i] > 0 ? s / internals.demand[i] : Number.NaN)),
    perSkuOnHand: () => acc.onHandSum.map((s) => s / acc.periods),
  };
  return acc;
}

export function summarize(
  acc: Accumulators,
  matrix: DemandMatrix,
  start: number,
  options: SimulationOptions,
): SimulationKpis {
  const { internals } = acc;
  const n = matrix.skuCount;
  const sum = (array: Float64Array) => array.reduce((a, b) => a + b, 0);
  const totalDemand = sum(internals.demand);
  const observed = sum(internals.observed);
  const onHandTotal = sum(acc.onHandSum);
  const averageInventory = onHandTotal / acc.periods;
  const salesPerPeriod = acc.shipped / acc.periods;
  const { sPIS, sCE } = forecastMetrics(acc, matrix, start);
  return {
    fillRate: internals.served.reduce((a, b) => a + b, 0) / totalDemand,
    cycleServiceLevel: sum(internals.metPeriods) / observed,
    stockOutRate: acc.outOfStock / observed,
    lostSales: acc.lost,
    totalDemand,
    unitsSold: acc.shipped,
    averageOnHand: averageInventory / n,
    averageInventory,
    inventoryTurnover: (salesPerPeriod * (options.periodsPerYear ?? 52)) / averageInventory,
    daysOfSupply: averageInventory / (salesPerPeriod / (options.daysPerPeriod ?? 7)),
    sellThroughRate: internals.sellingSkuPeriods / observed,
    unitSellThrough: acc.shipped / (acc.initialOnHand + acc.received),
    orders: acc.orders,
    holdingCost: acc.holdingCost,
    orderingCost: acc.orderingCost,
    stockoutCost: acc.stockoutCost,
    purchaseCost: acc.purchaseCost,
    totalCost: acc.holdingCost + acc.orderingCost + acc.stockoutCost + acc.purchaseCost,
    sPIS,
    sCE,
    periods: acc.periods,
  };
}

/** Scale per SKU: mean absolute non-zero demand before `start` (else over the simulated periods). */
function forecastMetrics(
  acc: Accumulators,
  matrix: DemandMatrix,
  start: number,
): { sPIS: number; sCE: number } {
  const { internals } = acc;
  let pis = 0;
  let ce = 0;
  let count = 0;
  for (let i = 0; i < matrix.skuCount; i++) {
    if (internals.forecastCount[i] === 0) continue;
    const row = matrix.demand.subarray(i * matrix.periods, (i + 1) * matrix.periods);
    let scale = inSampleScale(row.subarray(0, start));
    if (!(scale > 0)) scale = inSampleScale(row.subarray(start));
    if (!(scale > 0)) continue;
    pis += internals.pis[i] / scale;
    ce += internals.ce[i] / scale;
    count++;
  }
  return count ? { sPIS: pis / count, sCE: ce / count } : { sPIS: Number.NaN, sCE: Number.NaN };
}
