import { createRng } from '@shoppilot/core';
import {
  allocateBudget,
  type BudgetScenario,
  channelRoas,
  parseBudgetScenario,
  simulateBudgetScenario,
  ThompsonSampling,
} from '@shoppilot/marketing';

/**
 * The simulated channels. The data has no marketing spend, so the true ROAS of each channel is an
 * assumption, stated in the report: a wide spread, feed ads fading over the half year, 10% of the
 * budget kept for exploration, results known a week later.
 */
export const DEMO_SCENARIO = parseBudgetScenario({
  name: 'store-ops-demo',
  description: 'Six channels, a weekly budget, feed ads fading over the half year.',
  assumptions: {
    roasSpread: '1.2 (affiliates) to 4.5 (feed ads at the start)',
    noise: 'weekly ROAS log-sd 0.3 at an even spend (less noise at higher spend)',
    drift: 'feed ads fall linearly from 4.5 to 2.4 over the 26 weeks; the others are stable',
    delay: 'a week’s revenue is known at the next decision',
    constraints: '10% of the budget spread evenly for exploration',
  },
  channels: [
    { name: 'search-ads', roas: 3.6, noise: 0.3 },
    { name: 'feed-ads', roas: 4.5, noise: 0.3, drift: { type: 'linear', roasEnd: 2.4 } },
    { name: 'email', roas: 3.0, noise: 0.3 },
    { name: 'sms', roas: 2.4, noise: 0.3 },
    { name: 'social', roas: 1.8, noise: 0.3 },
    { name: 'affiliates', roas: 1.2, noise: 0.3 },
  ],
  budgetPerPeriod: 3000,
  delayPeriods: 0,
  explorationShare: 0.1,
  periods: 26,
});

export interface BudgetResult {
  scenario: {
    name: string;
    assumptions: Record<string, string>;
    budgetPerWeek: number;
    weeks: number;
    channels: Array<{ name: string; roasStart: number; roasEnd: number }>;
  };
  /** Budget per channel per week (Thompson sampling, split by P(best ROAS)). */
  weeks: Array<{
    week: number;
    budgets: Record<string, number>;
    revenue: number;
    uniformExpectedRevenue: number;
    expectedRevenue: number;
  }>;
  lastDecisionReasons: string[];
  thompson: { spend: number; revenue: number; expectedRevenue: number; roas: number };
  uniform: { spend: number; expectedRevenue: number; roas: number };
  /** (expected revenue of Thompson − uniform) / uniform over the simulated weeks. */
  gainOverUniform: number;
  /** The package's simulator over the same scenario, every policy on the same noise, mean of `runs` seeds. */
  policies: Array<{
    policy: string;
    roi: number;
    regret: number;
    gainOverUniform: number;
    gainMin: number;
    gainMax: number;
  }>;
  runs: number;
}

function weekRevenue(
  budgets: Record<string, number>,
  scenario: BudgetScenario,
  week: number,
  rng: ReturnType<typeof createRng>,
) {
  const reference = scenario.budgetPerPeriod / scenario.channels.length;
  const observed: Array<{ arm: number; roas: number; weight: number }> = [];
  let revenue = 0;
  let expected = 0;
  scenario.channels.forEach((channel, arm) => {
    const spend = budgets[channel.name];
    const truth = channelRoas(channel, week, scenario.periods);
    const z = rng.normal();
    if (!(spend > 0)) return;
    const sigma = channel.noise * Math.sqrt(reference / spend);
    const roas = truth * Math.exp(sigma * z - (sigma * sigma) / 2);
    revenue += spend * roas;
    expected += spend * truth;
    observed.push({ arm, roas, weight: spend / reference });
  });
  return { revenue, expected, observed };
}

const SIMULATION_RUNS = 20;
const POLICIES = ['uniform', 'epsilon-greedy', 'ucb1', 'thompson'];

function comparePolicies(scenario: BudgetScenario, seed: number, runs: number): BudgetResult['policies'] {
  const results = Array.from({ length: runs }, (_, run) =>
    simulateBudgetScenario(scenario, { policies: POLICIES, seed: seed * 100 + run }),
  );
  return POLICIES.map((policy, p) => {
    const rows = results.map((r) => r.results[p]);
    const gains = rows.map((r) => r.roiGainOverUniform);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    return {
      policy,
      roi: mean(rows.map((r) => r.roi)),
      regret: mean(rows.map((r) => r.regret)),
      gainOverUniform: mean(gains),
      gainMin: Math.min(...gains),
      gainMax: Math.max(...gains),
    };
  });
}

/** Weekly budget decisions from a Thompson-sampling posterior, against an even split. */
export function allocateOverWeeks(seed: number): BudgetResult {
  const scenario = DEMO_SCENARIO;
  const names = scenario.channels.map((c) => c.name);
  const policy = new ThompsonSampling(names.length, { model: 'gaussian', samples: 100 });
  const rng = createRng(seed);
  const weeks: BudgetResult['weeks'] = [];
  let reasons: string[] = [];
  for (let week = 0; week < scenario.periods; week++) {
    const decision = allocateBudget(policy, {
      channels: names,
      totalBudget: scenario.budgetPerPeriod,
      explorationShare: scenario.explorationShare,
      rng,
      draws: 500,
    });
    reasons = decision.reasons;
    const budgets = Object.fromEntries(decision.value.channels.map((c) => [c.channel, c.budget]));
    const { revenue, expected, observed } = weekRevenue(budgets, scenario, week, rng);
    for (const o of observed) policy.update(o.arm, o.roas, o.weight);
    policy.endPeriod();
    const uniformExpectedRevenue = scenario.channels.reduce(
      (s, c) => s + (scenario.budgetPerPeriod / names.length) * channelRoas(c, week, scenario.periods),
      0,
    );
    weeks.push({ week: week + 1, budgets, revenue, expectedRevenue: expected, uniformExpectedRevenue });
  }
  const spend = scenario.budgetPerPeriod * scenario.periods;
  const revenue = weeks.reduce((s, w) => s + w.revenue, 0);
  const expectedRevenue = weeks.reduce((s, w) => s + w.expectedRevenue, 0);
  const uniformRevenue = weeks.reduce((s, w) => s + w.uniformExpectedRevenue, 0);
  return {
    scenario: {
      name: scenario.name,
      assumptions: scenario.assumptions,
      budgetPerWeek: scenario.budgetPerPeriod,
      weeks: scenario.periods,
      channels: scenario.channels.map((c) => ({
        name: c.name,
        roasStart: channelRoas(c, 0, scenario.periods),
        roasEnd: channelRoas(c, scenario.periods - 1, scenario.periods),
      })),
    },
    weeks,
    lastDecisionReasons: reasons,
    thompson: { spend, revenue, expectedRevenue, roas: revenue / spend },
    uniform: { spend, expectedRevenue: uniformRevenue, roas: uniformRevenue / spend },
    gainOverUniform: expectedRevenue / uniformRevenue - 1,
    policies: comparePolicies(scenario, seed, SIMULATION_RUNS),
    runs: SIMULATION_RUNS,
  };
}
