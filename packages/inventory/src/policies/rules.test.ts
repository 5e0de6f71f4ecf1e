import { describe, expect, it } from 'vitest';
import { allocateBudget, applyOrderConstraints } from './constraints';
import { orderQuantity, periodicReviewOrderUpTo, sSFromRQ } from './order-rules';
import { ruleOfThumb } from './rule-of-thumb';

describe('order rules', () => {
  it('order-up-to, (s, S) and (r, Q)', () => {
    expect(orderQuantity({ rule: 'order-up-to', reorderPoint: 100 }, 60)).toBe(40);
    expect(orderQuantity({ rule: 'order-up-to', reorderPoint: 100 }, 100)).toBe(0);
    const sS = sSFromRQ(50, 70);
    expect(orderQuantity(sS, 60)).toBe(0);
    expect(orderQuantity(sS, 40)).toBe(80);
    // r = 50, Q = 30: position 10 needs 2 batches to rise above 50 (10 + 60 = 70 > 50).
    expect(orderQuantity({ rule: 'r-Q', reorderPoint: 50, batchSize: 30 }, 10)).toBe(60);
    expect(orderQuantity({ rule: 'r-Q', reorderPoint: 50, batchSize: 30 }, 50)).toBe(30);
    expect(orderQuantity({ rule: 'r-Q', reorderPoint: 50, batchSize: 30 }, 51)).toBe(0);
    expect(() => orderQuantity({ rule: 's-S', reorderPoint: 50, orderUpTo: 40 }, 0)).toThrow(/orderUpTo/);
  });
});

describe('periodic review (R, S)', () => {
  it('S = d (L + R) + z sqrt((L + R) sd^2 + d^2 sd_L^2)', () => {
    // d = 50, sd = 10, L = 2, R = 1, sd_L = 0.5, 95%: sqrt(3 * 100 + 2500 * 0.25) = sqrt(925)
    const result = periodicReviewOrderUpTo({
      demandMean: 50,
      demandSd: 10,
      leadTime: 2,
      leadTimeSd: 0.5,
      reviewPeriod: 1,
      serviceLevel: 0.95,
    });
    expect(result.orderUpTo).toBeCloseTo(150 + 1.6448536269514722 * Math.sqrt(925), 9);
    expect(() =>
      periodicReviewOrderUpTo({
        demandMean: 1,
        demandSd: 1,
        leadTime: 1,
        reviewPeriod: 0,
        serviceLevel: 0.9,
      }),
    ).toThrow(/reviewPeriod/);
  });
});

describe('order constraints', () => {
  it('rounds to case packs, applies the MOQ, then caps by shelf and budget', () => {
    expect(applyOrderConstraints(37, 0, { casePack: 10 })).toEqual({
      quantity: 40,
      adjustments: ['rounded 37 up to 40 (case pack 10)'],
    });
    expect(applyOrderConstraints(12, 0, { casePack: 6, moq: 48 }).quantity).toBe(48);
    const shelf = applyOrderConstraints(100, 30, { casePack: 12, maxShelf: 100 });
    expect(shelf.quantity).toBe(60); // room 70 -> 5 cases
    expect(shelf.adjustments[1]).toBe('capped 108 to 60 by shelf capacity 100');
    const budget = applyOrderConstraints(100, 0, { unitCost: 3, budget: 200, casePack: 5 });
    expect(budget.quantity).toBe(65);
    const blocked = applyOrderConstraints(100, 0, { moq: 50, maxShelf: 30 });
    expect(blocked.quantity).toBe(0);
    expect(blocked.adjustments.at(-1)).toMatch(/below the minimum order 50/);
    expect(applyOrderConstraints(0, 0, { moq: 10 }).quantity).toBe(0);
  });

  it('allocates a shared budget to the most urgent orders first', () => {
    const granted = allocateBudget(
      [
        { quantity: 10, unitCost: 10, priority: 0.1 },
        { quantity: 10, unitCost: 10, priority: 0.9 },
        { quantity: 10, unitCost: 5, priority: 0.5, casePack: 4 },
      ],
      170,
    );
    // 0.9 first: 100 spent; 0.5: 70 left -> 10 wanted, 12 affordable in cases of 4 -> 10 (50 spent);
    // 0.1: 20 left -> 2.
    expect(granted).toEqual([2, 10, 10]);
    expect(allocateBudget([{ quantity: 10, unitCost: 5, priority: 1, casePack: 4 }], 30)).toEqual([4]);
  });
});

describe("the brief's rule of thumb", () => {
  const base = { predictedDemand: 10, leadTime: 3 }; // safety stock 2, reorder point 32

  it('intended order: urgent below the safety stock, order below the reorder point, else hold', () => {
    expect(ruleOfThumb({ ...base, stock: 1 }).action).toBe('urgent');
    expect(ruleOfThumb({ ...base, stock: 20 })).toEqual({
      action: 'order',
      safetyStock: 2,
      reorderPoint: 32,
      orderQuantity: 22,
    });
    expect(ruleOfThumb({ ...base, stock: 32 }).action).toBe('hold');
    expect(ruleOfThumb({ ...base, stock: 32 }).orderQuantity).toBe(0);
  });

  it('as written, the early-warning branch never fires (property over a grid of inputs)', () => {
    const seen = new Set<string>();
    for (const stock of [0, 0.5, 1, 2, 5, 10, 31, 32, 100])
      for (const predictedDemand of [0, 0.1, 1, 10, 1000])
        for (const leadTime of [0.01, 1, 7])
          for (const multiplier of [0, 0.2, 1, 5]) {
            const result = ruleOfThumb({ stock, predictedDemand, leadTime, multiplier, mode: 'as-written' });
            seen.add(result.action);
            if (stock < result.safetyStock) expect(result.action).toBe('replenish-now');
          }
    expect([...seen].sort()).toEqual(['keep-watching', 'replenish-now']);
    // The same stock below the safety stock is "urgent" in the intended order.
    expect(ruleOfThumb({ ...base, stock: 1, mode: 'as-written' }).action).toBe('replenish-now');
  });

  it('rejects negative stock and a zero lead time', () => {
    expect(() => ruleOfThumb({ ...base, stock: -1 })).toThrow(/stock/);
    expect(() => ruleOfThumb({ ...base, stock: 1, leadTime: 0 })).toThrow(/leadTime/);
  });
});

describe('fmt', () => {
  it('rounds to 2 decimals and drops trailing zeros', async () => {
    const { fmt } = await import('./constraints');
    expect([23.571, 24, 8.5, 0.05, -1.234, 0, 100.999, 1e21].map(fmt)).toEqual([
      '23.57',
      '24',
      '8.5',
      '0.05',
      '-1.23',
      '0',
      '101',
      '1e+21',
    ]);
  });
});
