import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { allocateBudget } from './allocate-budget';
import { splitBudget } from './allocation';
import { ThompsonSampling } from './thompson-sampling';

describe('splitBudget', () => {
  it('gives the exploration floor evenly, then the rest by weight', () => {
    // floors 0.1 * 1000 / 4 = 25 each; the remaining 900 goes 3:1 to channels 0 and 1
    const out = splitBudget([3, 1, 0, 0], { totalBudget: 1000, explorationShare: 0.1 });
    expect(Array.from(out)).toEqual([25 + 675, 25 + 225, 25, 25]);
  });

  it('respects minima and maxima and redistributes what a capped channel cannot take', () => {
    const out = splitBudget([1, 1, 0], {
      totalBudget: 1000,
      explorationShare: 0,
      minimum: [0, 0, 100],
      maximum: [200, 1000, 1000],
    });
    expect(Array.from(out)).toEqual([200, 700, 100]);
  });

  it('spreads evenly when every open channel has zero weight', () => {
    const out = splitBudget([5, 0, 0], { totalBudget: 300, explorationShare: 0, maximum: [0, 1000, 1000] });
    expect(Array.from(out)).toEqual([0, 150, 150]);
  });

  it('always sums to the total budget', () => {
    const rng = createRng(4);
    for (let trial = 0; trial < 200; trial++) {
      const weights = Array.from({ length: 6 }, () => (rng.next() < 0.3 ? 0 : rng.next()));
      const maximum = Array.from({ length: 6 }, () => 300 + 2000 * rng.next());
      const out = splitBudget(weights, { totalBudget: 1800, explorationShare: 0.05, maximum });
      expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1800, 6);
      out.forEach((b, i) => {
        expect(b).toBeLessThanOrEqual(maximum[i] + 1e-9);
      });
    }
  });

  it('rejects infeasible constraints', () => {
    expect(() => splitBudget([1, 1], { totalBudget: 100, minimum: [80, 80] })).toThrow(/totalBudget/);
    expect(() => splitBudget([1, 1], { totalBudget: 100, maximum: [20, 20] })).toThrow(/maxima/);
  });
});

describe('allocateBudget', () => {
  it('returns a decision whose budgets follow P(best) and whose reasons name each channel', () => {
    const policy = new ThompsonSampling(3, { model: 'gaussian' });
    const rng = createRng(5);
    for (let i = 0; i < 50; i++) {
      policy.update(0, 2 + 0.2 * rng.normal());
      policy.update(1, 4 + 0.2 * rng.normal());
      policy.update(2, 1 + 0.2 * rng.normal());
    }
    const decision = allocateBudget(policy, {
      channels: ['search', 'feed', 'email'],
      totalBudget: 900,
      explorationShare: 0.1,
      rng: 1,
    });
    const budgets = decision.value.channels.map((c) => c.budget);
    // P(best) of feed is ~1: it gets 900 - 2 x 30 of exploration floors
    expect(budgets[1]).toBeCloseTo(840, 6);
    expect(budgets[0]).toBeCloseTo(30, 6);
    expect(decision.reasons[0]).toMatch(/^feed: P\(best ROAS\) 1\.000 -> budget 840\.00/);
    expect(decision.model.name).toBe('marketing.budget-allocation.thompson-gaussian');
  });
});
