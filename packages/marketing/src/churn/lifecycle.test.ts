import { describe, expect, it } from 'vitest';
import { bgNbdProbabilityAlive } from '../clv/bg-nbd';
import { holdoutChurnLabels, lifecycleStage } from './lifecycle';

// BG/NBD at the CDNOW estimates (Fader, Hardie & Lee 2005).
const params = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
const model = {
  probabilityAlive: (row: { frequency: number; recency: number; T: number }) =>
    bgNbdProbabilityAlive(params, row),
  conditionalExpectedPurchases: () => 0,
};

describe('lifecycleStage', () => {
  it('stages customers by recency of first purchase and P(alive), each with an action', () => {
    expect(lifecycleStage(model, { frequency: 0, recency: 0, T: 2 }).stage).toBe('new');
    expect(lifecycleStage(model, { frequency: 0, recency: 0, T: 10 }).stage).toBe('at-risk');
    expect(lifecycleStage(model, { frequency: 0, recency: 0, T: 38 }).stage).toBe('churned');
    // bought 10 times, last purchase at the end of the window: P(alive) = 1
    const active = lifecycleStage(model, { frequency: 10, recency: 38, T: 38.86, previousRecency: 36 });
    expect(active.stage).toBe('active');
    expect(active.action).toMatch(/^nurture/);
    // P(alive | x=2, t_x=30.43, T=38.86) = 0.7266 (FHL 2005 parameters; mpmath check in bg-nbd.test.ts)
    expect(lifecycleStage(model, { frequency: 2, recency: 30.43, T: 38.86 }).stage).toBe('active');
    expect(
      lifecycleStage(model, { frequency: 2, recency: 30.43, T: 38.86 }, { activeAbove: 0.8 }).stage,
    ).toBe('at-risk');
    expect(lifecycleStage(model, { frequency: 8, recency: 5, T: 38.86, previousRecency: 4 }).stage).toBe(
      'churned',
    );
  });

  it('flags a win-back: a recent purchase after a gap where P(alive) had fallen below the threshold', () => {
    // before the last purchase: 7 purchases by week 3, then silence until week 37
    const before = bgNbdProbabilityAlive(params, { frequency: 7, recency: 3, T: 37 });
    expect(before).toBeLessThan(0.3);
    const result = lifecycleStage(model, { frequency: 8, recency: 37, T: 38.86, previousRecency: 3 });
    expect(result.stage).toBe('win-back');
    expect(result.reason).toMatch(/P\(alive\) had fallen to 0\.\d\d/);
  });

  it('labels holdout churn as no purchase in the holdout', () => {
    expect(holdoutChurnLabels([{ frequencyHoldout: 0 }, { frequencyHoldout: 3 }])).toEqual([1, 0]);
    expect(() => holdoutChurnLabels([{}])).toThrow(/holdout/);
  });
});
