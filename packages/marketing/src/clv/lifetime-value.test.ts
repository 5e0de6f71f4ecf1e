import { describe, expect, it } from 'vitest';
import { customerLifetimeValue } from './lifetime-value';

// A constant-rate model E[Y(t)] = rate * t has a closed-form discounted value:
// CLV = m * rate * D * sum_{k=1..K} (1+d)^-k = m * rate * D * (1 - (1+d)^-K) / d.
const linear = (rate: number) => ({
  conditionalExpectedPurchases: (_row: unknown, t: number) => rate * t,
  probabilityAlive: () => 1,
});
const row = { frequency: 1, recency: 1, T: 2 };

describe('customerLifetimeValue', () => {
  it('matches the closed form of a constant purchase rate', () => {
    const [value] = customerLifetimeValue(linear(0.5), [row], [20], {
      horizon: 12,
      discountPeriod: 1,
      discountRate: 0.02,
    });
    expect(value).toBeCloseTo(20 * 0.5 * ((1 - 1.02 ** -12) / 0.02), 10);
  });

  it('equals spend x expected purchases over the horizon without discounting, and applies the margin', () => {
    const [value] = customerLifetimeValue(linear(0.3), [row], [10], {
      horizon: 52,
      discountRate: 0,
      margin: 0.25,
    });
    expect(value).toBeCloseTo(0.25 * 10 * 0.3 * 52, 10);
  });

  it('rejects a spend array of the wrong length', () => {
    expect(() => customerLifetimeValue(linear(1), [row], [1, 2])).toThrow(/expectedSpend/);
  });
});
