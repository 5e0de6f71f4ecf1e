import { createStorage, InputValidationError, MemoryStorage } from '@shoppilot/core';
import type { QuantileForecast } from '@shoppilot/forecast';
import { describe, expect, it } from 'vitest';
import { issueOrders, orderApprovalGate } from './approval';
import { decisionsToCsv } from './decision-output';
import { parseForecastCsv, type QuantileForecastLike } from './forecast-input';
import { windowDemand } from './lead-time-demand';
import { replenish } from './replenish';
import { parseStockCsv, type StockRecord } from './stock-input';

/** 14 daily periods: p50 = 60/7 and p95 = 75/7 per day, so 7-day sums are exactly 60 and 75. */
const daily = (id: string, p50 = 60 / 7, p95 = 75 / 7): QuantileForecastLike => ({
  id,
  dates: Array.from({ length: 14 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')}`),
  quantiles: [
    { level: 0.5, values: Array(14).fill(p50) },
    { level: 0.95, values: Array(14).fill(p95) },
  ],
});

const stock = (overrides: Partial<StockRecord> = {}): StockRecord => ({
  sku: 'A',
  onHand: 40,
  onOrder: 20,
  leadTime: 7,
  ...overrides,
});

describe('replenish (forecast-quantile policy)', () => {
  const now = new Date('2024-01-01T00:00:00Z');

  it('orders with the reasons a planner reads', () => {
    const { decisions } = replenish([daily('A')], [stock()], { periodUnit: 'day', now });
    const [decision] = decisions;
    expect(decision.reasons[0]).toBe(
      'on hand 40 + on order 20 = 60 < reorder point 75 = 7-day lead-time demand p50 60 + safety stock 15 at 95% service',
    );
    // order-up-to = 75 + one review day 60/7 = 83.571; 83.571 - 60 = 23.571 -> whole units 24
    expect(decision.value).toMatchObject({
      sku: 'A',
      action: 'order',
      quantity: 24,
      policy: 'forecast-quantile',
    });
    expect(decision.value.reorderPoint).toBeCloseTo(75, 10);
    expect(decision.value.safetyStock).toBeCloseTo(15, 10);
    expect(decision.reasons).toContain('rounded 23.57 up to 24 (case pack 1)');
    expect(decision.model).toEqual({ name: 'inventory.forecast-quantile', version: '1' });
    expect(decision.createdAt).toBe('2024-01-01T00:00:00.000Z');
    expect(decision.magnitude).toBe(24);
  });

  it('holds above the reorder point and flags urgent below the safety stock', () => {
    const { decisions } = replenish(
      [daily('A'), daily('B'), daily('C')],
      [
        stock({ sku: 'A', onHand: 80, onOrder: 0 }),
        stock({ sku: 'B', onHand: 5, onOrder: 5 }),
        stock({ sku: 'C', onHand: 10, onOrder: 0, backorders: 12, casePack: 12 }),
      ],
    );
    expect(decisions.map((d) => d.value.action)).toEqual(['hold', 'urgent', 'urgent']);
    expect(decisions[0].value.quantity).toBe(0);
    expect(decisions[0].reasons.at(-1)).toBe('no order');
    expect(decisions[2].reasons[0]).toMatch(
      /^on hand 10 \+ on order 0 - backorders 12 = -2 < reorder point 75/,
    );
    expect(decisions[2].value.quantity % 12).toBe(0);
  });

  it('accepts the forecast package QuantileForecast as is (structural type)', () => {
    const forecast: QuantileForecast = {
      ...daily('A'),
      dates: daily('A').dates as string[],
      periods: Array.from({ length: 14 }, (_, i) => i),
      mean: Array(14).fill(60 / 7),
      quantiles: daily('A').quantiles.map((b) => ({ level: b.level, values: [...b.values] })),
      model: 'auto-ets',
      warnings: [],
    };
    const { decisions } = replenish([forecast], [stock()]);
    expect(decisions[0].value.reorderPoint).toBeCloseTo(75, 10);
  });

  it('normal policy: z sqrt(L sd^2 + d^2 sd_L^2) from the forecast spread and lead-time variability', () => {
    // independent periods: sd per day = (75/7 - 60/7) / z(0.95) from the two quantiles
    const sdDay = 15 / 7 / 1.6448536269514722;
    const { decisions } = replenish([daily('A')], [stock({ leadTimeSd: 1 })], {
      policy: 'normal',
      aggregation: 'independent',
    });
    const expected = 1.6448536269514722 * Math.sqrt(7 * sdDay ** 2 + (60 / 7) ** 2 * 1);
    expect(decisions[0].value.safetyStock).toBeCloseTo(expected, 9);
    expect(decisions[0].reasons[0]).toMatch(
      /lead-time demand mean 60 \+ safety stock .* demand and lead-time variability/,
    );
  });

  it('rule-of-thumb policy in both modes', () => {
    const low = stock({ onHand: 1, onOrder: 0 }); // below 0.2 x 60/7 = 1.71
    const intended = replenish([daily('A')], [low], { policy: 'rule-of-thumb' }).decisions[0];
    const written = replenish([daily('A')], [low], {
      policy: 'rule-of-thumb',
      ruleOfThumb: { mode: 'as-written' },
    }).decisions[0];
    expect(intended.value.ruleAction).toBe('urgent');
    expect(written.value.ruleAction).toBe('replenish-now');
    expect(written.reasons).toContain('as-written rule: its early-warning branch can never fire');
    expect(intended.value.reorderPoint).toBeCloseTo(60 + 0.2 * (60 / 7), 10);
  });

  it('newsvendor policy orders up to the critical-ratio quantile and needs both costs', () => {
    const { decisions } = replenish([daily('A')], [stock({ holdingCost: 1, stockoutCost: 19 })], {
      policy: 'newsvendor',
    });
    // critical ratio 0.95 over lead time + review = 8 days: 8 x 75/7
    expect(decisions[0].value.orderUpTo).toBeCloseTo((8 * 75) / 7, 9);
    expect(() => replenish([daily('A')], [stock()], { policy: 'newsvendor' })).toThrow(
      /SKU "A", field "holdingCost"/,
    );
  });

  it('fill-rate service: expected shortage over the lead time equals (1 - beta) x review demand', () => {
    const { decisions } = replenish([daily('A')], [stock()], {
      serviceType: 'fill-rate',
      serviceLevel: 0.98,
    });
    const demand = windowDemand(daily('A'), 0, 7).distribution;
    expect(demand.loss(decisions[0].value.reorderPoint)).toBeCloseTo(0.02 * (60 / 7), 6);
  });

  it('a shared budget goes to the most urgent SKU first', () => {
    const { decisions } = replenish(
      [daily('A'), daily('B')],
      [
        stock({ sku: 'A', onHand: 50, onOrder: 0, unitCost: 2 }),
        stock({ sku: 'B', onHand: 0, onOrder: 0, unitCost: 2 }),
      ],
      { budget: 100 },
    );
    expect(decisions[1].value.quantity).toBe(50);
    expect(decisions[0].value.quantity).toBe(0);
    expect(decisions[0].reasons.at(-1)).toMatch(/cut from 34 to 0 by the shared budget/);
  });
});

describe('bad input gives typed errors naming the SKU and field', () => {
  const cases: Array<[string, Partial<StockRecord>, RegExp]> = [
    ['negative stock', { onHand: -3 }, /SKU "A", field "onHand": negative stock/],
    ['lead time 0', { leadTime: 0 }, /SKU "A", field "leadTime": leadTime must be > 0/],
    ['missing lead time', { leadTime: undefined }, /SKU "A", field "leadTime": missing/],
    ['service level 1', { serviceLevel: 1 }, /SKU "A", field "serviceLevel": service level outside \(0, 1\)/],
    [
      'cost not a number',
      { unitCost: 'ten' as unknown as number },
      /SKU "A", field "unitCost": not a number/,
    ],
  ];
  it.each(cases)('%s', (_, overrides, message) => {
    const error = (() => {
      try {
        replenish([daily('A')], [stock(overrides)]);
      } catch (e) {
        return e;
      }
    })();
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).location.sku).toBe('A');
    expect((error as Error).message).toMatch(message);
  });

  it('from CSV: names file, row, SKU and field', () => {
    const text = 'sku,on_hand,on_order,lead_time,unit_cost\nA,10,0,7,2.5\nB,5,0,7,abc\n';
    expect(() => parseStockCsv(text, 'stock.csv')).toThrow(
      /stock\.csv, row 2, SKU "B", field "unitCost": not a number/,
    );
    expect(parseStockCsv('sku,on_hand,lead_time\nA,10,3\n')).toEqual([{ sku: 'A', onHand: 10, leadTime: 3 }]);
  });

  it('a forecast with a bad value or ragged bands names the SKU and band', () => {
    const bad = daily('A');
    const broken = {
      ...bad,
      quantiles: [
        { level: 0.5, values: [...bad.quantiles[0].values.slice(0, 13), Number.NaN] },
        bad.quantiles[1],
      ],
    };
    expect(() => replenish([broken], [stock()])).toThrow(
      /SKU "A", field "p0.5": period 14 is not a finite number >= 0/,
    );
    const ragged = { ...bad, quantiles: [bad.quantiles[0], { level: 0.95, values: [1, 2] }] };
    expect(() => replenish([ragged], [stock()])).toThrow(
      /SKU "A", field "p0.95": has 2 periods, expected 14/,
    );
  });

  it('a forecast too short for the lead time, or missing', () => {
    expect(() => replenish([daily('A')], [stock({ leadTime: 20 })])).toThrow(
      /SKU "A", field "leadTime": lead time \+ review period need 21/,
    );
    expect(() => replenish([], [stock()])).toThrow(/SKU "A", field "forecast"/);
    expect(replenish([], [stock()], { missingForecast: 'skip' }).skipped).toEqual([
      { sku: 'A', reason: 'no forecast for this SKU' },
    ]);
  });
});

describe('forecast CSV', () => {
  it('reads wide quantile columns per SKU and date, sorted by date', () => {
    const text = 'sku,date,mean,p50,p90\nA,2024-01-02,11,10,14\nA,2024-01-01,9,9,12\nB,2024-01-01,1,1,2\n';
    const [a, b] = parseForecastCsv(text);
    expect(a).toEqual({
      id: 'A',
      dates: ['2024-01-01', '2024-01-02'],
      quantiles: [
        { level: 0.5, values: [9, 10] },
        { level: 0.9, values: [12, 14] },
      ],
      mean: [9, 11],
    });
    expect(b.id).toBe('B');
    expect(() => parseForecastCsv('sku,date,p50\nA,1,x\n', 'f.csv')).toThrow(
      /f\.csv, row 1, SKU "A", field "p50": not a number/,
    );
  });
});

describe('approval gate', () => {
  it('orders above the value threshold wait for a human; others are issued', async () => {
    const { decisions } = replenish(
      [daily('A'), daily('B'), daily('C')],
      [
        stock({ sku: 'A', unitCost: 100 }), // 24 x 100 = 2400
        stock({ sku: 'B', unitCost: 1 }), // 24
        stock({ sku: 'C', onHand: 90, unitCost: 1 }), // hold
      ],
    );
    const gate = orderApprovalGate({ storage: new MemoryStorage(), valueThreshold: 1000 });
    const result = await issueOrders(decisions, gate);
    expect(result.pendingApproval.map((d) => d.subject)).toEqual(['A']);
    expect(result.pendingApproval[0].reasons.at(-1)).toBe(
      'needs approval: order value 2400 is above the approval threshold 1000',
    );
    expect(result.issued.map((d) => d.subject)).toEqual(['B']);
    expect(result.holds.map((d) => d.subject)).toEqual(['C']);
    const approved = await gate.approve(result.pendingApproval[0].id, { by: 'planner' });
    expect(approved.status).toBe('approved');
    expect(await gate.pending()).toEqual([]);
  });

  it('keeps the queue in SQLite storage across gate instances', async () => {
    const storage = await createStorage('sqlite::memory:');
    const { decisions } = replenish([daily('A')], [stock({ unitCost: 100 })]);
    await issueOrders(decisions, orderApprovalGate({ storage, valueThreshold: 1000 }));
    const reopened = orderApprovalGate({ storage, valueThreshold: 1000 });
    expect((await reopened.pending()).map((d) => d.value.quantity)).toEqual([24]);
    await storage.close();
  });
});

describe('decision CSV output', () => {
  it('writes one row per SKU with reasons', () => {
    const csv = decisionsToCsv(replenish([daily('A')], [stock({ unitCost: 2 })]).decisions);
    const [header, row] = csv.trim().split('\n');
    expect(header).toBe(
      'sku,action,quantity,order_value,status,inventory_position,reorder_point,order_up_to,safety_stock,lead_time_demand,policy,reasons',
    );
    expect(row.startsWith('A,order,24,48,issued,60,75,83.57,15,60,forecast-quantile,"on hand 40')).toBe(true);
  });
});
