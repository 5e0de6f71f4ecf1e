import { InvalidArgumentError, type Rng } from '@shoppilot/core';
import { ArmStatistics, type ArmStatisticsOptions } from './arm-statistics';
import type { BanditPolicy } from './policy';

export interface EpsilonGreedyOptions extends ArmStatisticsOptions {
  /** Probability of a uniformly random arm. Default 0.1. */
  epsilon?: number;
}

/** Epsilon-greedy: the best empirical mean with probability 1 - epsilon, else a random arm; untried arms first. */
export class EpsilonGreedy implements BanditPolicy {
  readonly name = 'epsilon-greedy';
  readonly arms: number;
  readonly epsilon: number;
  readonly statistics: ArmStatistics;

  constructor(arms: number, options: EpsilonGreedyOptions = {}) {
    this.epsilon = options.epsilon ?? 0.1;
    if (!(this.epsilon >= 0 && this.epsilon <= 1)) {
      throw new InvalidArgumentError({
        argument: 'epsilon',
        message: 'must be in [0, 1]',
        value: this.epsilon,
      });
    }
    this.arms = arms;
    this.statistics = new ArmStatistics(arms, options);
  }

  #greedy(): number {
    const { count } = this.statistics;
    for (let i = 0; i < this.arms; i++) if (count[i] === 0) return i;
    let best = 0;
    for (let i = 1; i < this.arms; i++) if (this.statistics.mean(i) > this.statistics.mean(best)) best = i;
    return best;
  }

  select(rng: Rng): number {
    return rng.next() < this.epsilon ? rng.int(this.arms) : this.#greedy();
  }

  preferences(_rng: Rng, out: Float64Array): Float64Array {
    out.fill(this.epsilon / this.arms);
    out[this.#greedy()] += 1 - this.epsilon;
    return out;
  }

  update(arm: number, reward: number, weight = 1): void {
    this.statistics.add(arm, reward, weight);
  }

  endPeriod(): void {
    this.statistics.endPeriod();
  }
}
