import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { parseDemandCsv } from './demand-matrix';
import { scaledCumulativeError, scaledPeriodsInStock } from './forecast-metrics';
import { globalQuantilePolicy } from './global-quantile-policy';
import {
  fixedLevelsPolicy,
  forecastQuantilePolicy,
  normalPolicy,
  rqPolicy,
  ruleOfThumbPolicy,
} from './policies';
import { rollingEmpiricalForecaster } from './rolling-forecaster';
import { type DemandMatrix, simulateInventory } from './simulate';
import type { SimulationPolicy } from './types';

const constant = (skuCount: number, periods: number, value: number): DemandMatrix => ({
  demand: new Float64Array(skuCount * periods).fill(value),
  skuCount,
  periods,
});

const randomDemand = (skuCount: number, periods: number, seed: number): DemandMatrix => {
  const rng = createRng(seed);
  const demand = new Float64Array(skuCount * periods);
  for (let i = 0; i < skuCount; i++) {
    const level = 5 + 50 * rng.next();
    for (let t = 0; t < periods; t++) demand[i * periods + t] = rng.poisson(level);
  }
  return { demand, skuCount, periods };
};

const base = (S: number, n = 1) =>
  fixedLevelsPolicy({ reorderLevel: new Float64Array(n).fill(S), orderUpTo: new Float64Array(n).fill(S) });

describe('simulateInventory', () => {
  it('base stock 30 with demand 10 and lead time 2: hand-computed trajectory', async () => {
    // start on hand 30; t0 ends 20, t1 ends 10 (order 10), t2.. end 0 (each arrival covers the period)
    const { kpis } = await simulateInventory(constant(1, 10, 10), base(30), {
      leadTime: 2,
      holdingCost: 1,
      orderingCost: 5,
    });
    expect(kpis.fillRate).toBe(1);
    expect(kpis.cycleServiceLevel).toBe(1);
    expect(kpis.averageOnHand).toBeCloseTo(3, 12);
    expect(kpis.stockOutRate).toBeCloseTo(0.8, 12);
    expect(kpis.orders).toBe(9);
    expect(kpis.holdingCost).toBe(30);
    expect(kpis.orderingCost).toBe(45);
    expect(kpis.sellThroughRate).toBe(1);
    expect(kpis.inventoryTurnover).toBeCloseTo((10 * 52) / 3, 10);
    expect(kpis.daysOfSupply).toBeCloseTo(3 / (10 / 7), 10);
  });

  it('base stock 25: lost sales lose 5 units a period, backorders carry them', async () => {
    const lost = await simulateInventory(constant(1, 20, 10), base(25), { leadTime: 2, stockoutCost: 1 });
    const back = await simulateInventory(constant(1, 20, 10), base(25), {
      leadTime: 2,
      unmetDemand: 'backorders',
    });
    // Lost sales: position after ordering is 25 = 2.5 periods of demand; in steady state 5 of every 10 units... check balance
    expect(lost.kpis.lostSales + lost.kpis.unitsSold).toBeCloseTo(lost.kpis.totalDemand, 9);
    expect(lost.kpis.stockoutCost).toBeCloseTo(lost.kpis.lostSales, 9);
    expect(lost.kpis.fillRate).toBeLessThan(1);
    // Backorders: steady state net inventory 25 - 30 = -5, so 5 of each period's 10 units wait: fill rate -> 0.5
    expect(back.kpis.fillRate).toBeGreaterThan(0.5);
    expect(back.kpis.fillRate).toBeLessThan(0.6);
    expect(back.kpis.lostSales).toBe(0);
  });

  it('never looks ahead: changing future demand leaves earlier plans unchanged', async () => {
    const original = randomDemand(20, 40, 7);
    const changed: DemandMatrix = { ...original, demand: original.demand.slice() };
    const cut = 25;
    for (let i = 0; i < 20; i++) for (let t = cut; t < 40; t++) changed.demand[i * 40 + t] *= 3;
    const record = (inner: SimulationPolicy) => {
      const levels: number[][] = [];
      const policy: SimulationPolicy = {
        name: inner.name,
        plan(context) {
          for (let i = 0; i < context.skuCount; i++) expect(context.history(i).length).toBe(context.period);
          inner.plan(context);
          levels.push([...context.orderUpTo, ...context.reorderLevel, ...context.inventoryPosition]);
        },
      };
      return { policy, levels };
    };
    for (const make of [
      () => forecastQuantilePolicy({ serviceType: 'fill-rate' }),
      () => ruleOfThumbPolicy(),
      () => normalPolicy(),
      () => globalQuantilePolicy({ group: (i) => i % 2 }),
    ]) {
      const a = record(make());
      const b = record(make());
      await simulateInventory(original, a.policy, { start: 10, leadTime: 2, leadTimeSd: 1, seed: 3 });
      await simulateInventory(changed, b.policy, { start: 10, leadTime: 2, leadTimeSd: 1, seed: 3 });
      // plans up to and including period `cut` use demand before `cut` only
      expect(b.levels.slice(0, cut - 10 + 1)).toEqual(a.levels.slice(0, cut - 10 + 1));
      expect(b.levels.at(-1)).not.toEqual(a.levels.at(-1));
    }
  });

  it('is reproducible for a seed and varies with it (stochastic lead times)', async () => {
    const demand = randomDemand(50, 60, 1);
    const run = (seed: number) =>
      simulateInventory(demand, forecastQuantilePolicy(), { start: 20, leadTime: 2, leadTimeSd: 1, seed });
    const [a, b, c] = await Promise.all([run(5), run(5), run(6)]);
    expect(a.kpis).toEqual(b.kpis);
    expect(c.kpis.averageOnHand).not.toBe(a.kpis.averageOnHand);
  });

  it('higher service targets hold more stock and serve more demand', async () => {
    const demand = randomDemand(100, 80, 2);
    const low = await simulateInventory(demand, forecastQuantilePolicy({ serviceLevel: 0.7 }), {
      start: 30,
      leadTime: 1,
    });
    const high = await simulateInventory(demand, forecastQuantilePolicy({ serviceLevel: 0.98 }), {
      start: 30,
      leadTime: 1,
    });
    expect(high.kpis.fillRate).toBeGreaterThan(low.kpis.fillRate);
    expect(high.kpis.averageOnHand).toBeGreaterThan(low.kpis.averageOnHand);
    // Poisson demand with a 98% cycle target: close to it, measured on held-out periods
    expect(high.kpis.cycleServiceLevel).toBeGreaterThan(0.93);
  });

  it('respects shelf capacity and reports (r, Q) batches', async () => {
    const capped = await simulateInventory(constant(1, 30, 10), base(100), {
      leadTime: 1,
      shelfCapacity: 15,
    });
    expect(capped.kpis.fillRate).toBeLessThan(1);
    const rq = await simulateInventory(
      randomDemand(5, 60, 4),
      rqPolicy({ orderingCost: 50, holdingCost: 1 }),
      { start: 20 },
    );
    expect(rq.kpis.orders).toBeLessThan(5 * 40);
    expect(rq.kpis.fillRate).toBeGreaterThan(0.8);
  });

  it('skips unobserved (NaN) periods in demand and KPIs', async () => {
    const matrix = constant(1, 10, 10);
    matrix.demand[4] = Number.NaN;
    const { kpis } = await simulateInventory(matrix, base(30), { leadTime: 2 });
    expect(kpis.totalDemand).toBe(90);
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      simulateInventory(constant(1, 5, 1), base(3), { signal: controller.signal }),
    ).rejects.toThrow();
  });
});

describe('globalQuantilePolicy', () => {
  it('orders up to the forecast times the pooled actual/forecast ratio quantile', async () => {
    // Demand alternates 10, 30: 2-period windows always total 40 and the mean of the last 2 periods is
    // always 20, so every forecast window total is 40, every ratio is 1 and S = 40.
    const periods = 40;
    const demand = new Float64Array(2 * periods);
    for (let t = 0; t < periods; t++) demand[t] = demand[periods + t] = t % 2 ? 30 : 10;
    const levels: number[] = [];
    const inner = globalQuantilePolicy({
      serviceLevel: 0.9,
      forecaster: rollingEmpiricalForecaster({ window: 2 }),
    });
    const policy: SimulationPolicy = {
      name: inner.name,
      plan(context) {
        inner.plan(context);
        levels.push(context.orderUpTo[0]);
      },
    };
    const { kpis } = await simulateInventory({ demand, skuCount: 2, periods }, policy, {
      start: 30,
      leadTime: 1,
    });
    for (const level of levels) expect(level).toBeCloseTo(40, 9);
    expect(kpis.fillRate).toBe(1);
  });
});

describe('sPIS and sCE', () => {
  it('match the greybox definitions on a hand example', () => {
    // f - y = [1, 0, -1]; cumsum = [1, 1, 0]; PIS = 2; CE = 0
    expect(scaledPeriodsInStock([1, 2, 3], [2, 2, 2], 2)).toBe(1);
    expect(scaledCumulativeError([1, 2, 3], [2, 2, 2], 2)).toBe(0);
    expect(scaledCumulativeError([1, 1], [3, 3], 2)).toBe(2);
  });

  it('are computed from the policy one-step forecasts in a simulation', async () => {
    // A rule-of-thumb on constant demand forecasts it exactly after warm-up: both metrics 0.
    const { kpis } = await simulateInventory(constant(3, 30, 10), ruleOfThumbPolicy(), { start: 5 });
    expect(kpis.sPIS).toBe(0);
    expect(kpis.sCE).toBe(0);
  });
});

describe('parseDemandCsv', () => {
  it('builds a SKU x period matrix with NaN where a SKU has no row', () => {
    const matrix = parseDemandCsv('sku,week,units\nA,2,5\nA,1,3\nB,2,7\n');
    expect(matrix.ids).toEqual(['A', 'B']);
    expect(matrix.dates).toEqual(['1', '2']);
    expect([...matrix.demand]).toEqual([3, 5, Number.NaN, 7]);
    expect(() => parseDemandCsv('sku,week,units\nA,1,-2\n', 'd.csv')).toThrow(
      /d\.csv, row 1, SKU "A", field "units"/,
    );
  });
});
