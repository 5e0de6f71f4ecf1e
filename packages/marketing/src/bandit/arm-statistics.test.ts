import { describe, expect, it } from 'vitest';
import { ArmStatistics } from './arm-statistics';

describe('ArmStatistics', () => {
  it('keeps weighted sums', () => {
    const stats = new ArmStatistics(2);
    stats.add(0, 2, 1);
    stats.add(0, 4, 3);
    expect(stats.count[0]).toBe(4);
    expect(stats.mean(0)).toBeCloseTo(3.5, 12);
    expect(stats.sumSquares[0]).toBeCloseTo(4 + 48, 12);
    expect(stats.mean(1)).toBe(0);
    expect(stats.observations[0]).toBe(2);
  });

  it('discounts every arm by the factor per period: weight after k periods = discount^k', () => {
    const stats = new ArmStatistics(2, { discount: 0.9 });
    stats.add(1, 5);
    for (let k = 0; k < 3; k++) stats.endPeriod();
    expect(stats.count[1]).toBeCloseTo(0.9 ** 3, 12);
    expect(stats.observations[1]).toBeCloseTo(0.9 ** 3, 12);
    expect(stats.mean(1)).toBeCloseTo(5, 12);
  });

  it('a sliding window keeps exactly the last W periods', () => {
    const stats = new ArmStatistics(1, { window: 2 });
    for (let t = 0; t < 5; t++) {
      stats.add(0, t, 0.5);
      stats.endPeriod();
    }
    // after 5 periods only the observations of periods 3 and 4 remain
    expect(stats.count[0]).toBe(1);
    expect(stats.observations[0]).toBe(2);
    expect(stats.mean(0)).toBeCloseTo(3.5, 12);
  });

  it('rejects a bad arm, reward or option', () => {
    expect(() => new ArmStatistics(2).add(2, 1)).toThrow(/arm/);
    expect(() => new ArmStatistics(2).add(0, Number.NaN)).toThrow(/reward/);
    expect(() => new ArmStatistics(2, { discount: 1.5 })).toThrow(/discount/);
  });
});
