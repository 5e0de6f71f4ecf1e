/**
 * Allocate a weekly budget across channels: Thompson sampling on each channel's return on ad
 * spend (ROAS), each week's split a decision with reasons, learning from the week's revenue.
 * The channels' true ROAS is simulated (stated below); the even split is the baseline.
 *
 *   node --conditions=@shoppilot/source --import tsx examples/marketing-budget/src/main.ts
 */
import { pathToFileURL } from 'node:url';
import { createRng } from '@shoppilot/core';
import { allocateBudget, ThompsonSampling } from '@shoppilot/marketing';

/** Assumed true ROAS per channel (revenue per £ spent), with weekly log-normal noise sd 0.3. */
export const CHANNELS = {
  'search-ads': 3.6,
  'feed-ads': 4.5,
  email: 3.0,
  sms: 2.4,
  social: 1.8,
  affiliates: 1.2,
};
export const WEEKLY_BUDGET = 5000;
export const EXPLORATION_SHARE = 0.1;

export interface BudgetExample {
  weeks: Array<{ week: number; budgets: Record<string, number>; revenue: number }>;
  lastReasons: string[];
  revenue: number;
  evenSplitExpectedRevenue: number;
}

export function run(weeks = 20, seed = 1): BudgetExample {
  const names = Object.keys(CHANNELS) as Array<keyof typeof CHANNELS>;
  const policy = new ThompsonSampling(names.length, { model: 'gaussian', samples: 100 });
  const rng = createRng(seed);
  const history: BudgetExample['weeks'] = [];
  let lastReasons: string[] = [];
  for (let week = 1; week <= weeks; week++) {
    const decision = allocateBudget(policy, {
      channels: names,
      totalBudget: WEEKLY_BUDGET,
      explorationShare: EXPLORATION_SHARE,
      rng,
    });
    lastReasons = decision.reasons;
    let revenue = 0;
    const budgets: Record<string, number> = {};
    decision.value.channels.forEach(({ channel, budget }, arm) => {
      budgets[channel] = budget;
      const roas = CHANNELS[channel as keyof typeof CHANNELS] * Math.exp(0.3 * rng.normal() - 0.045);
      revenue += budget * roas;
      policy.update(arm, roas, budget / (WEEKLY_BUDGET / names.length)); // a week's observed ROAS
    });
    policy.endPeriod();
    history.push({ week, budgets, revenue });
  }
  const even = (WEEKLY_BUDGET / names.length) * Object.values(CHANNELS).reduce((a, b) => a + b, 0) * weeks;
  return {
    weeks: history,
    lastReasons,
    revenue: history.reduce((s, w) => s + w.revenue, 0),
    evenSplitExpectedRevenue: even,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = run();
  for (const w of result.weeks.filter((x) => x.week % 5 === 0 || x.week === 1)) {
    console.log(
      `week ${w.week}: ${Object.entries(w.budgets)
        .map(([c, b]) => `${c} £${b.toFixed(0)}`)
        .join(', ')}`,
    );
  }
  console.log('last week, because:');
  for (const reason of result.lastReasons) console.log(`  ${reason}`);
  const spend = WEEKLY_BUDGET * result.weeks.length;
  console.log(
    `ROAS ${(result.revenue / spend).toFixed(2)} with the bandit vs ${(result.evenSplitExpectedRevenue / spend).toFixed(2)} expected from an even split`,
  );
}
