import { createDecision, createRng, type Decision, InvalidArgumentError, type Rng } from '@shoppilot/core';
import { type BudgetConstraints, splitBudget, validateBudgetConstraints } from './allocation';
import type { ThompsonSampling } from './thompson-sampling';

export interface AllocateBudgetOptions extends BudgetConstraints {
  /** Channel names, one per arm of the policy. */
  channels: readonly string[];
  /**
   * `probability-best`: shares follow the Monte Carlo probability that each channel has the
   * highest ROAS (`draws` joint posterior draws); `thompson`: the flexible budget follows one
   * Thompson draw (all of it to the sampled best channel). Default `probability-best`.
   */
  method?: 'probability-best' | 'thompson';
  /** Posterior draws for `probability-best`. Default 1,000. */
  draws?: number;
  /** Random stream (or a seed). Default seed 0. */
  rng?: Rng | number;
}

export interface ChannelBudget {
  channel: string;
  budget: number;
  /** budget / totalBudget */
  share: number;
  /** The policy weight that drove the flexible part (P(best) or Thompson winner share). */
  weight: number;
}

export interface BudgetAllocation {
  method: 'probability-best' | 'thompson';
  totalBudget: number;
  channels: ChannelBudget[];
}

/**
 * One period's budget split across channels from a Thompson-sampling posterior of each
 * channel's ROAS, as a governance `Decision` whose reasons list each channel's weight and budget.
 */
export function allocateBudget(
  policy: ThompsonSampling,
  options: AllocateBudgetOptions,
): Decision<BudgetAllocation> {
  if (options.channels.length !== policy.arms) {
    throw new InvalidArgumentError({
      argument: 'channels',
      message: `needs ${policy.arms} names`,
      value: options.channels.length,
    });
  }
  validateBudgetConstraints(options, policy.arms);
  const rng = typeof options.rng === 'object' ? options.rng : createRng(options.rng ?? 0);
  const method = options.method ?? 'probability-best';
  const weights =
    method === 'thompson'
      ? policy.preferences(rng, new Float64Array(policy.arms))
      : policy.probabilityBest(rng, options.draws ?? 1000);
  const budgets = splitBudget(weights, options);
  const channels = options.channels.map((channel, i) => ({
    channel,
    budget: budgets[i],
    share: options.totalBudget > 0 ? budgets[i] / options.totalBudget : 0,
    weight: weights[i],
  }));
  const label = method === 'thompson' ? 'Thompson winner' : 'P(best ROAS)';
  const reasons = [...channels]
    .sort((a, b) => b.budget - a.budget)
    .map(
      (c) =>
        `${c.channel}: ${label} ${c.weight.toFixed(3)} -> budget ${c.budget.toFixed(2)} (${(100 * c.share).toFixed(1)}%)`,
    );
  reasons.push(
    `floors: exploration share ${options.explorationShare ?? 0.05} of ${options.totalBudget} spread evenly, then per-channel min/max`,
  );
  return createDecision({
    value: { method, totalBudget: options.totalBudget, channels },
    reasons,
    model: { name: `marketing.budget-allocation.${policy.name}`, version: '1' },
    magnitude: options.totalBudget,
    inputs: { observations: Array.from(policy.statistics.count) },
  });
}
