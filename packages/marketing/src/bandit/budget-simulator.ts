import { createRng, type Rng } from '@shoppilot/core';
import { type BudgetConstraints, splitBudget, validateBudgetConstraints } from './allocation';
import { createBudgetPolicy } from './budget-policies';
import { type BudgetScenario, channelRoas } from './scenario';

export interface SimulateBudgetOptions {
  policies?: readonly string[];
  /** Default: the scenario's `periods`. */
  periods?: number;
  seed?: number;
}

export interface PolicySimulationResult {
  policy: string;
  /** Realised revenue summed over periods (noisy). */
  cumulativeReward: number;
  /** Expected revenue of the chosen allocations summed over periods. */
  expectedReward: number;
  /** Expected revenue lost against the oracle (best allocation under the same constraints). */
  regret: number;
  /** Cumulative regret after each period. */
  regretCurve: number[];
  /** Budget per channel in each period: `allocations[t][c]`, channels in the scenario's order. */
  allocations: number[][];
  /** Realised (noisy) revenue of each period. */
  revenuePerPeriod: number[];
  /** Expected revenue of each period's allocation under the true ROAS. */
  expectedRevenuePerPeriod: number[];
  /** Total expected revenue / total spend. */
  roi: number;
  /** (expected revenue - uniform's) / uniform's. */
  roiGainOverUniform: number;
}

export interface BudgetSimulationResult {
  scenario: string;
  assumptions: Record<string, string>;
  /** Channel names, the column order of every `allocations` row. */
  channels: string[];
  periods: number;
  seed: number;
  totalSpend: number;
  oracleExpectedReward: number;
  uniformExpectedReward: number;
  results: PolicySimulationResult[];
}

/**
 * Runs each policy on the scenario with common random numbers (the same noise for every policy),
 * the scenario's reporting delay, its exploration share and per-channel min/max. A channel's
 * revenue in period t is spend * ROAS_t * exp(sigma_eff Z - sigma_eff^2 / 2) with
 * sigma_eff = noise * sqrt(reference spend / spend): more spend, less noisy ROAS. Policies observe
 * ROAS (weighted by spend / reference spend) `delayPeriods` periods later.
 */
export function simulateBudgetScenario(
  scenario: BudgetScenario,
  options: SimulateBudgetOptions = {},
): BudgetSimulationResult {
  const periods = options.periods ?? scenario.periods;
  const seed = options.seed ?? 0;
  const names = options.policies ?? ['uniform', 'epsilon-greedy', 'ucb1', 'thompson'];
  const k = scenario.channels.length;
  const constraints = constraintsOf(scenario);
  validateBudgetConstraints(constraints, k);
  const noise = noiseMatrix(periods, k, createRng(seed));
  const truth = Array.from({ length: periods }, (_, t) =>
    scenario.channels.map((c) => channelRoas(c, t, periods)),
  );
  const oracle = truth.map((roas) => expectedRevenue(splitBudget(oneHotBest(roas), constraints), roas));
  const uniformReward = truth.reduce(
    (s, roas) => s + expectedRevenue(splitBudget(new Float64Array(k).fill(1), constraints), roas),
    0,
  );
  const results = names.map((name, index) =>
    runPolicy(name, scenario, {
      constraints,
      noise,
      truth,
      oracle,
      periods,
      rng: createRng(seed * 1000 + index + 1),
    }),
  );
  for (const result of results) result.roiGainOverUniform = result.expectedReward / uniformReward - 1;
  return {
    scenario: scenario.name,
    assumptions: scenario.assumptions,
    channels: scenario.channels.map((c) => c.name),
    periods,
    seed,
    totalSpend: periods * scenario.budgetPerPeriod,
    oracleExpectedReward: oracle.reduce((a, b) => a + b, 0),
    uniformExpectedReward: uniformReward,
    results,
  };
}

interface RunContext {
  constraints: BudgetConstraints;
  noise: Float64Array[];
  truth: number[][];
  oracle: number[];
  periods: number;
  rng: Rng;
}

function runPolicy(name: string, scenario: BudgetScenario, run: RunContext): PolicySimulationResult {
  const k = scenario.channels.length;
  const policy = createBudgetPolicy(name, k);
  const reference = scenario.budgetPerPeriod / k;
  const weights = new Float64Array(k);
  const budgets = new Float64Array(k);
  const pending: Array<{ due: number; arm: number; roas: number; weight: number }> = [];
  let realised = 0;
  let expected = 0;
  let regret = 0;
  const regretCurve: number[] = [];
  const allocations: number[][] = [];
  const revenuePerPeriod: number[] = [];
  const expectedRevenuePerPeriod: number[] = [];
  for (let t = 0; t < run.periods; t++) {
    if (policy === 'uniform') weights.fill(1);
    else policy.preferences(run.rng, weights);
    splitBudget(weights, run.constraints, budgets);
    const expectedNow = expectedRevenue(budgets, run.truth[t]);
    expected += expectedNow;
    regret += run.oracle[t] - expectedNow;
    regretCurve.push(regret);
    allocations.push(Array.from(budgets));
    expectedRevenuePerPeriod.push(expectedNow);
    let revenueNow = 0;
    for (let c = 0; c < k; c++) {
      if (budgets[c] <= 0) continue;
      const sigma = scenario.channels[c].noise * Math.sqrt(reference / budgets[c]);
      const roas = run.truth[t][c] * Math.exp(sigma * run.noise[t][c] - (sigma * sigma) / 2);
      revenueNow += budgets[c] * roas;
      pending.push({ due: t + scenario.delayPeriods, arm: c, roas, weight: budgets[c] / reference });
    }
    realised += revenueNow;
    revenuePerPeriod.push(revenueNow);
    if (policy !== 'uniform') {
      while (pending.length && pending[0].due <= t) {
        const { arm, roas, weight } = pending.shift()!;
        policy.update(arm, roas, weight);
      }
      policy.endPeriod();
    }
  }
  const spend = run.periods * scenario.budgetPerPeriod;
  return {
    policy: name,
    cumulativeReward: realised,
    expectedReward: expected,
    regret,
    regretCurve,
    allocations,
    revenuePerPeriod,
    expectedRevenuePerPeriod,
    roi: expected / spend,
    roiGainOverUniform: 0,
  };
}

function constraintsOf(scenario: BudgetScenario): BudgetConstraints {
  const hasMin = scenario.channels.some((c) => c.minimum !== undefined);
  const hasMax = scenario.channels.some((c) => c.maximum !== undefined);
  return {
    totalBudget: scenario.budgetPerPeriod,
    explorationShare: scenario.explorationShare,
    minimum: hasMin ? scenario.channels.map((c) => c.minimum ?? 0) : undefined,
    maximum: hasMax ? scenario.channels.map((c) => c.maximum ?? Number.POSITIVE_INFINITY) : undefined,
  };
}

function noiseMatrix(periods: number, k: number, rng: Rng): Float64Array[] {
  return Array.from({ length: periods }, () => Float64Array.from({ length: k }, () => rng.normal()));
}

function oneHotBest(roas: number[]): Float64Array {
  const out = new Float64Array(roas.length);
  let best = 0;
  for (let i = 1; i < roas.length; i++) if (roas[i] > roas[best]) best = i;
  out[best] = 1;
  return out;
}

function expectedRevenue(budgets: Float64Array, roas: number[]): number {
  let total = 0;
  for (let i = 0; i < budgets.length; i++) total += budgets[i] * roas[i];
  return total;
}
