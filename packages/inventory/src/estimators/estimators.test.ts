import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { newsvendorNormal } from '../policies/newsvendor';
import { NewsvendorPolicy } from './newsvendor-policy';
import { RuleOfThumbPolicy } from './rule-of-thumb-policy';
import { StockPolicy } from './stock-policy';

const history = [8, 12, 8, 12, 8, 12, 8, 12, 8, 12];
const other = [30, 25, 35, 28, 32];
// mean 10; sample sd = sqrt(10 * 4 / 9) = 2.108185...
const sd = Math.sqrt(40 / 9);
const Z95 = 1.6448536269514722;

describeEstimator('StockPolicy', {
  create: () => new StockPolicy({ leadTime: 2, serviceLevel: 0.9, demand: 'gamma' }),
  data: () => history,
  otherData: () => other,
  fit: (policy, data) => policy.fit(data),
  predict: (policy) => policy.predict({ onHand: 5, onOrder: 10 }),
  fromJSON: (json) => StockPolicy.fromJSON(json),
});

describeEstimator('NewsvendorPolicy', {
  create: () => new NewsvendorPolicy({ holdingCost: 1, stockoutCost: 4, demand: 'empirical', periods: 2 }),
  data: () => history,
  otherData: () => other,
  fit: (policy, data) => policy.fit(data),
  predict: (policy) => policy.predict(),
  fromJSON: (json) => NewsvendorPolicy.fromJSON(json),
});

describeEstimator('RuleOfThumbPolicy', {
  create: () => new RuleOfThumbPolicy({ leadTime: 3, window: 4 }),
  data: () => history,
  otherData: () => other,
  fit: (policy, data) => policy.fit(data),
  predict: (policy) => policy.predict(20),
  fromJSON: (json) => RuleOfThumbPolicy.fromJSON(json),
});

describe('policy estimators: known answers', () => {
  it('order-up-to with normal demand: S = d (L + R) + z sd sqrt(L + R)', () => {
    const policy = new StockPolicy({ leadTime: 1, reviewPeriod: 1 }).fit(history);
    const decision = policy.predict({ onHand: 12, onOrder: 3 });
    expect(decision.orderUpTo).toBeCloseTo(20 + Z95 * sd * Math.SQRT2, 10);
    expect(decision.quantity).toBeCloseTo(decision.orderUpTo - 15, 10);
  });

  it('(r, Q) with the EOQ batch: Q = sqrt(2 K d / h), r = d L + z sd sqrt(L)', () => {
    const policy = new StockPolicy({ rule: 'r-Q', leadTime: 2, orderingCost: 20, holdingCost: 0.1 }).fit(
      history,
    );
    const decision = policy.predict({ onHand: 0 });
    expect(decision.batchSize).toBeCloseTo(Math.sqrt((2 * 20 * 10) / 0.1), 10);
    expect(decision.reorderPoint).toBeCloseTo(20 + Z95 * sd * Math.SQRT2, 10);
    expect(decision.quantity).toBeCloseTo(decision.batchSize, 10);
  });

  it('newsvendor from a fitted history equals the closed form on the fitted moments; Poisson gives integers', () => {
    const normal = new NewsvendorPolicy({ holdingCost: 0.18, stockoutCost: 0.7 }).fit(history).predict();
    const closed = newsvendorNormal({ holdingCost: 0.18, stockoutCost: 0.7, mean: 10, sd });
    expect(normal.orderUpTo).toBeCloseTo(closed.orderUpTo, 12);
    expect(normal.cost).toBeCloseTo(closed.cost, 12);
    // mean 20 per period, Poisson, h = 1, p = 4 -> S = 24 (scipy.stats.poisson.ppf(0.8, 20))
    const poisson = new NewsvendorPolicy({ demand: 'poisson' }).fit([18, 22, 20, 19, 21]).predict();
    expect(poisson.orderUpTo).toBe(24);
  });

  it('rule of thumb learns the recent mean', () => {
    const result = new RuleOfThumbPolicy({ leadTime: 3, window: 4 })
      .fit([100, 100, 8, 12, 8, 12])
      .predict(20);
    expect(result).toEqual({ action: 'order', safetyStock: 2, reorderPoint: 32, orderQuantity: 22 });
  });

  it('rejects bad histories', () => {
    expect(() => new StockPolicy().fit([1])).toThrow(/at least 2 periods/);
    expect(() => new StockPolicy().fit([1, -2])).toThrow(/history\[1\]/);
  });
});
