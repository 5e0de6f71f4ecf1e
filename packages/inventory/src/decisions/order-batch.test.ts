import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import type { QuantileForecastLike } from './forecast-input';
import { ORDER_ACTIONS, planOrders } from './order-batch';
import { type ReplenishOptions, replenish } from './replenish';
import type { StockRecord } from './stock-input';

const BAND_SETS = [[0.5], [0.1, 0.5, 0.9], [0.05, 0.25, 0.75, 0.95], [0.1, 0.9]];

/** Random SKUs exercising every branch: band sets with and without a median, means, samples, unsorted bands, constraints. */
function randomSkus(seed: number, count: number, bands: number[]) {
  const rng = createRng(seed);
  const forecasts: QuantileForecastLike[] = [];
  const stock: StockRecord[] = [];
  const pick = <T>(values: readonly T[]) => values[rng.int(values.length)];
  for (let i = 0; i < count; i++) {
    const level = 0.5 + 60 * rng.next();
    const base = Array.from({ length: 16 }, () => level * (0.5 + rng.next()));
    const forecast: { -readonly [K in keyof QuantileForecastLike]: QuantileForecastLike[K] } = {
      id: `s${i}`,
      quantiles: bands.map((l, b) => ({
        level: l,
        values: base.map((v) => Math.max(0, v * (0.6 + 0.4 * b) + rng.next() - 0.5)),
      })),
    };
    if (rng.next() < 0.3) forecast.mean = base.map((v) => v * 1.02);
    if (rng.next() < 0.05)
      forecast.samples = Array.from({ length: 9 }, () => base.map((v) => v + rng.next()));
    if (rng.next() < 0.05 && bands.length > 1) forecast.quantiles = [...forecast.quantiles].reverse();
    forecasts.push(forecast);
    const record: StockRecord = {
      sku: `s${i}`,
      onHand: Math.round(level * 10 * rng.next()),
      leadTime: pick([1, 2, 3.5, 7, 10]),
      holdingCost: 0.1 + rng.next(),
      stockoutCost: 1 + 5 * rng.next(),
      leadTimeSd: rng.next(),
      unitCost: 1 + Math.round(rng.next() * 2000) / 100,
    };
    if (rng.next() < 0.5) record.onOrder = Math.round(level * 3 * rng.next());
    if (rng.next() < 0.2) record.backorders = Math.round(level * rng.next());
    if (rng.next() < 0.6) record.casePack = pick([1, 6, 12]);
    if (rng.next() < 0.3) record.moq = Math.round(level * 5 * rng.next());
    if (rng.next() < 0.2) record.maxShelf = Math.round(level * 20 * rng.next());
    if (rng.next() < 0.2) record.serviceLevel = 0.5 + 0.49 * rng.next();
    if (rng.next() < 0.2) record.reviewPeriod = pick([1, 2, 3]);
    stock.push(record);
  }
  return { forecasts, stock };
}

const CASES: Array<[string, ReplenishOptions]> = [
  ['forecast-quantile (the allocation-free fast path)', {}],
  ['forecast-quantile with a shared budget', { budget: 4_000, periodUnit: 'day' }],
  ['forecast-quantile, fill rate', { serviceType: 'fill-rate' }],
  ['forecast-quantile, independent periods', { aggregation: 'independent' }],
  ['normal', { policy: 'normal' }],
  ['rule of thumb as written', { policy: 'rule-of-thumb', ruleOfThumb: { mode: 'as-written' } }],
  ['newsvendor', { policy: 'newsvendor' }],
];

describe('planOrders (columns) agrees with the per-SKU decisions', () => {
  const now = new Date('2024-01-01T00:00:00Z');

  it.each(CASES)('%s: every number equal on 1,000 random SKUs', (_, options) => {
    let fastPathOrders = 0;
    for (const [k, bands] of BAND_SETS.entries()) {
      const { forecasts, stock } = randomSkus(10 + k, 250, bands);
      const batch = planOrders(forecasts, stock, { ...options, now });
      const { decisions } = replenish(forecasts, stock, { ...options, now });
      expect(batch.skus).toEqual(stock.map((s) => s.sku));
      decisions.forEach(({ value }, i) => {
        // Exact equality: the batch runs the same arithmetic, not an approximation of it.
        expect({
          sku: batch.skus[i],
          action: ORDER_ACTIONS[batch.action[i]],
          quantity: batch.quantity[i],
          inventoryPosition: batch.inventoryPosition[i],
          reorderPoint: batch.reorderPoint[i],
          orderUpTo: batch.orderUpTo[i],
          safetyStock: batch.safetyStock[i],
          leadTimeDemand: batch.leadTimeDemand[i],
        }).toEqual({
          sku: value.sku,
          action: value.action,
          quantity: value.quantity,
          inventoryPosition: value.inventoryPosition,
          reorderPoint: value.reorderPoint,
          orderUpTo: value.orderUpTo,
          safetyStock: value.safetyStock,
          leadTimeDemand: value.leadTimeDemand,
        });
        if (value.quantity > 0) fastPathOrders++;
      });
      // decision(i) on demand is the same decision replenish() returns (ids are fresh per decision).
      for (const i of [0, 57, 249]) {
        expect({ ...batch.decision(i), id: '' }).toEqual({ ...decisions[i], id: '' });
      }
    }
    expect(fastPathOrders).toBeGreaterThan(10); // orders, not only holds, were compared
  });

  it('skips SKUs without a forecast like replenish, and reports them', () => {
    const { forecasts, stock } = randomSkus(3, 20, [0.1, 0.5, 0.9]);
    const batch = planOrders(forecasts.slice(5), stock, { missingForecast: 'skip', now });
    expect(batch.skus).toEqual(stock.slice(5).map((s) => s.sku));
    expect(batch.skipped.map((s) => s.sku)).toEqual(stock.slice(0, 5).map((s) => s.sku));
    expect(batch.warnings).toEqual(['5 SKU(s) skipped: no forecast']);
  });
});
