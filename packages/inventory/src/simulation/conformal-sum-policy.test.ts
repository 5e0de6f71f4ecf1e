import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { conformalSumPolicy } from './conformal-sum-policy';
import type { WindowForecaster } from './rolling-forecaster';
import { sortedSampleQuantile } from './rolling-forecaster';
import type { PlanContext } from './types';

const T = 40;

function context(demand: Float64Array, skuCount: number, period: number, leadTime = 1): PlanContext {
  return {
    period,
    skuCount,
    leadTime,
    history: (sku) => demand.subarray(sku * T, sku * T + period),
    inventoryPosition: new Float64Array(skuCount),
    reorderLevel: new Float64Array(skuCount),
    orderUpTo: new Float64Array(skuCount),
    batchSize: new Float64Array(skuCount),
    forecastMean: new Float64Array(skuCount),
  };
}

/** Forecasts 10 units per period whatever the history. */
const flat: WindowForecaster = {
  name: 'flat',
  forecast: () => ({ mean: 10, samples: new Float64Array(0) }),
};

function noisyDemand(seed: number): Float64Array {
  const rng = createRng(seed);
  const demand = new Float64Array(2 * T);
  for (let t = 0; t < T; t++) {
    demand[t] = 10;
    demand[T + t] = Math.round(rng.gamma(2, 5));
  }
  return demand;
}

describe('conformalSumPolicy', () => {
  it('pooled: orders up to exp(log(1 + forecast sum) + the p-quantile of past window log-ratios) - 1', () => {
    const demand = noisyDemand(4);
    const period = 30;
    const policy = conformalSumPolicy({ forecaster: flat, serviceLevel: 0.9, backfill: 26 });
    const ctx = context(demand, 2, period);
    policy.plan(ctx);
    // By hand: windows of 2 periods starting at 2..28 (ended before period 30), both SKUs, forecast 20.
    const scores: number[] = [];
    for (let sku = 0; sku < 2; sku++)
      for (let start = 2; start + 2 <= period; start++)
        scores.push(Math.log1p(demand[sku * T + start] + demand[sku * T + start + 1]) - Math.log1p(20));
    const q = sortedSampleQuantile(Float64Array.from(scores).sort(), 0.9);
    const expected = Math.expm1(Math.log1p(20) + q);
    expect(ctx.orderUpTo[0]).toBeCloseTo(expected, 10);
    expect(ctx.orderUpTo[1]).toBeCloseTo(expected, 10);
    expect(ctx.reorderLevel[1]).toBe(ctx.orderUpTo[1]);
    expect(ctx.forecastMean[0]).toBe(10);
  });

  it('series scale: a SKU whose forecast was always exact orders exactly the forecast; a noisy one more', () => {
    const demand = noisyDemand(5);
    const policy = conformalSumPolicy({ forecaster: flat, serviceLevel: 0.95, scale: 'series', prior: 0 });
    const ctx = context(demand, 2, 30);
    policy.plan(ctx);
    expect(ctx.orderUpTo[0]).toBeCloseTo(20, 6);
    expect(ctx.orderUpTo[1]).toBeGreaterThan(20);
  });

  it('reads no demand at or after the current period (no look-ahead)', () => {
    const demand = noisyDemand(6);
    const changed = demand.slice();
    for (let t = 30; t < T; t++) changed[T + t] = 1000;
    const levels = [demand, changed].map((d) => {
      const policy = conformalSumPolicy({ forecaster: flat, serviceLevel: 0.9, scale: 'series' });
      const ctx = context(d, 2, 30);
      policy.plan(ctx);
      return [...ctx.orderUpTo];
    });
    expect(levels[1]).toEqual(levels[0]);
  });

  it('rejects a service level outside (0, 1) and a negative prior', () => {
    expect(() => conformalSumPolicy({ serviceLevel: 1 })).toThrow(/serviceLevel/);
    expect(() => conformalSumPolicy({ prior: -1 })).toThrow(/prior/);
  });
});
