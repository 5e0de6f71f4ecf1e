import { InvalidArgumentError } from '@shoppilot/core';
import { EpsilonGreedy } from './epsilon-greedy';
import type { BanditPolicy } from './policy';
import { ThompsonSampling } from './thompson-sampling';
import { Ucb1 } from './ucb1';

/** Policy names the simulator knows. */
export const budgetPolicyNames = [
  'uniform',
  'epsilon-greedy',
  'ucb1',
  'thompson',
  'thompson-single',
  'thompson-log-normal',
  'thompson-discounted',
  'thompson-window',
] as const;
export type BudgetPolicyName = (typeof budgetPolicyNames)[number];

/**
 * Builds a policy by name. Thompson variants put a Normal-Gamma posterior on each channel's ROAS,
 * observations weighted by spend, and split the flexible budget by probability matching: each
 * channel's share is its posterior probability of having the best ROAS, estimated from 100 joint
 * draws (the expected allocation of Thompson sampling). `thompson-single` gives the whole flexible
 * budget to one draw's winner. `thompson-log-normal` models log ROAS (it assumes a spend-independent
 * log-variance, so it is biased against channels observed at small spend). `thompson-discounted`
 * (factor 0.97 a period) and `thompson-window` (last 60 periods) forget old evidence for drift.
 */
export function createBudgetPolicy(name: string, channels: number): BanditPolicy | 'uniform' {
  const samples = 100;
  switch (name) {
    case 'uniform':
      return 'uniform';
    case 'epsilon-greedy':
      return new EpsilonGreedy(channels, { epsilon: 0.1 });
    case 'ucb1':
      return new Ucb1(channels, { rewardScale: 'adaptive' });
    case 'thompson':
      return new ThompsonSampling(channels, { model: 'gaussian', samples });
    case 'thompson-single':
      return new ThompsonSampling(channels, { model: 'gaussian' });
    case 'thompson-log-normal':
      return new ThompsonSampling(channels, { model: 'log-normal', samples });
    case 'thompson-discounted':
      return new ThompsonSampling(channels, { model: 'gaussian', samples, discount: 0.97 });
    case 'thompson-window':
      return new ThompsonSampling(channels, { model: 'gaussian', samples, window: 60 });
    default:
      throw new InvalidArgumentError({
        argument: 'policies',
        message: `unknown policy; known: ${budgetPolicyNames.join(', ')}`,
        value: name,
      });
  }
}
