import { describe, expect, it } from 'vitest';
import { CHANNELS, EXPLORATION_SHARE, run, WEEKLY_BUDGET } from './main';

describe('examples/marketing-budget', () => {
  const result = run();

  it('spends exactly the weekly budget, with the exploration floor for every channel', () => {
    const floor = (EXPLORATION_SHARE * WEEKLY_BUDGET) / Object.keys(CHANNELS).length;
    for (const week of result.weeks) {
      const budgets = Object.values(week.budgets);
      expect(budgets.reduce((a, b) => a + b, 0)).toBeCloseTo(WEEKLY_BUDGET, 6);
      for (const budget of budgets) expect(budget).toBeGreaterThanOrEqual(floor - 1e-9);
    }
  });

  it('moves the money to the two best channels and beats the even split', () => {
    // even split: £5,000 / 6 per channel × ROAS summed 16.5 × 20 weeks
    expect(result.evenSplitExpectedRevenue).toBeCloseTo((5000 / 6) * 16.5 * 20, 6);
    for (const week of result.weeks.slice(-5)) {
      expect(week.budgets['feed-ads'] + week.budgets['search-ads']).toBeGreaterThan(0.8 * WEEKLY_BUDGET);
    }
    expect(result.revenue).toBeGreaterThan(result.evenSplitExpectedRevenue);
  });

  it('is reproducible from its seed', () => {
    expect(run().weeks).toEqual(result.weeks);
  });
});
