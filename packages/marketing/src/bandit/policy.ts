import type { Rng } from '@shoppilot/core';

/**
 * A multi-armed bandit policy. `select` picks one arm; `preferences` fills a weight per arm for
 * budget allocation (one-hot on the chosen arm for index policies, the exploration mix for
 * epsilon-greedy, Thompson winner counts over `samples` draws). Rewards are fed back with
 * `update` whenever they arrive (delayed rewards simply arrive in a later period), and
 * `endPeriod` closes a period (discounting / sliding window). Batched decisions are several
 * `select` calls between updates.
 */
export interface BanditPolicy {
  readonly name: string;
  readonly arms: number;
  select(rng: Rng): number;
  preferences(rng: Rng, out: Float64Array): Float64Array;
  update(arm: number, reward: number, weight?: number): void;
  endPeriod(): void;
}

/** Index of the largest value; ties go to the lowest index. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** One-hot preferences on `arm`. */
export function oneHot(out: Float64Array, arm: number): Float64Array {
  out.fill(0);
  out[arm] = 1;
  return out;
}

/**
 * A batch of `size` decisions taken from the same state (batched bandits: rewards of the batch
 * are fed back later with `update`). For Thompson sampling the batch's arm counts follow P(best).
 */
export function selectBatch(policy: BanditPolicy, size: number, rng: Rng): number[] {
  const out = new Array<number>(size);
  for (let i = 0; i < size; i++) out[i] = policy.select(rng);
  return out;
}
