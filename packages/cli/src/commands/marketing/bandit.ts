import { readFile } from 'node:fs/promises';
import {
  budgetPolicyNames,
  parseBudgetScenario,
  regretGrowthExponent,
  simulateBudgetScenario,
} from '@shoppilot/marketing';
import { defineCommand } from 'citty';
import { integerFlag, printJson, printLines, UsageError } from '../../output/index';

export const simulateCommand = defineCommand({
  meta: {
    name: 'simulate',
    description:
      'Simulate budget-allocation policies on a scenario: cumulative reward, regret vs the oracle, ROI vs a uniform split',
  },
  args: {
    scenario: {
      type: 'string',
      description: 'Scenario JSON (channels, ROAS, noise, drift, delay, constraints)',
      required: true,
    },
    policies: {
      type: 'string',
      description: `Comma-separated policies (default uniform,epsilon-greedy,ucb1,thompson); known: ${budgetPolicyNames.join(', ')}`,
    },
    periods: { type: 'string', description: "Periods to simulate (default: the scenario's)" },
    seed: { type: 'string', description: 'Random seed (default 0)' },
    allocations: {
      type: 'boolean',
      description: "Include each policy's per-period budgets per channel and per-period revenue in the JSON",
      default: false,
    },
    json: { type: 'boolean', description: 'Print only the JSON result', default: false },
  },
  async run({ args }) {
    const text = await readFile(args.scenario, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--scenario ${args.scenario} is not valid JSON: ${(error as Error).message}`);
    }
    const scenario = parseBudgetScenario(json, args.scenario);
    const policies = args.policies
      ? args.policies
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : undefined;
    const seed = args.seed === undefined ? 0 : Number(args.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${args.seed}"`);
    const result = simulateBudgetScenario(scenario, {
      policies,
      periods: integerFlag(args.periods, 'periods'),
      seed,
    });
    const output = {
      scenario: result.scenario,
      assumptions: result.assumptions,
      channels: result.channels,
      periods: result.periods,
      seed: result.seed,
      totalSpend: result.totalSpend,
      oracleExpectedReward: result.oracleExpectedReward,
      uniformExpectedReward: result.uniformExpectedReward,
      policies: result.results.map(
        ({ regretCurve, allocations, revenuePerPeriod, expectedRevenuePerPeriod, ...rest }) => ({
          ...rest,
          regretGrowthExponent: regretGrowthExponent(regretCurve),
          ...(args.allocations ? { allocations, revenuePerPeriod, expectedRevenuePerPeriod } : {}),
        }),
      ),
    };
    if (args.json) return printJson(output);
    printLines(
      `scenario ${output.scenario}: ${output.periods} periods, seed ${output.seed}`,
      ...Object.entries(output.assumptions).map(([key, value]) => `  ${key}: ${value}`),
      'policy                 cumulative reward        regret   ROI   vs uniform  regret growth',
      ...output.policies.map(
        (p) =>
          `${p.policy.padEnd(20)} ${p.cumulativeReward.toFixed(0).padStart(18)} ${p.regret.toFixed(0).padStart(13)} ${p.roi.toFixed(3).padStart(5)} ${`${(100 * p.roiGainOverUniform).toFixed(1)}%`.padStart(11)} ${p.regretGrowthExponent.toFixed(2).padStart(14)}`,
      ),
    );
  },
});

/** `shoppilot bandit simulate`. */
export const banditCommand = defineCommand({
  meta: { name: 'bandit', description: 'Bandit budget allocation: simulate policies on scenario files' },
  subCommands: { simulate: simulateCommand },
});
