import { createRng } from '@shoppilot/core';
import type { Panel } from '@shoppilot/forecast';
import type { StockRecord } from '@shoppilot/inventory';

/** Share of the selling price taken as unit cost (the data has no costs). */
export const COST_SHARE = 0.5;

/**
 * An illustrative stock position per product (the data has no stock): on hand between 0.3 and 2.5
 * weeks of the last 8 weeks' mean sales (seeded), nothing on order, a lead time of 1 week (2 for
 * one product in four), unit cost half the median selling price, case packs of 6.
 */
export function illustrativeStock(
  actual: Panel,
  prices: ReadonlyMap<string, number>,
  seed: number,
): StockRecord[] {
  const rng = createRng(seed);
  return actual.series.map((series) => {
    const recent = Array.from(series.target.slice(-8)).filter(Number.isFinite);
    const weekly = recent.reduce((a, b) => a + b, 0) / Math.max(1, recent.length);
    return {
      sku: series.id,
      onHand: Math.round(weekly * (0.3 + 2.2 * rng.next())),
      onOrder: 0,
      leadTime: rng.next() < 0.25 ? 2 : 1,
      unitCost: Math.round((prices.get(series.id) ?? 1) * COST_SHARE * 100) / 100,
      casePack: 6,
    };
  });
}

/** SKU-major weekly demand for the simulator; weeks before a product's first sale are not observed. */
export function demandMatrix(actual: Panel): {
  demand: Float64Array;
  skuCount: number;
  periods: number;
  ids: string[];
} {
  const end = Math.max(...actual.series.map((s) => s.start + s.target.length));
  const begin = Math.min(...actual.series.map((s) => s.start));
  const periods = end - begin;
  const demand = new Float64Array(actual.series.length * periods).fill(Number.NaN);
  actual.series.forEach((series, i) => {
    series.target.forEach((value, t) => {
      demand[i * periods + series.start - begin + t] = value;
    });
  });
  return { demand, skuCount: actual.series.length, periods, ids: actual.series.map((s) => s.id) };
}
