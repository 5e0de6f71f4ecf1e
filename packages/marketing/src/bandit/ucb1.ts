import type { Rng } from '@shoppilot/core';
import { ArmStatistics, type ArmStatisticsOptions } from './arm-statistics';
import { type BanditPolicy, oneHot } from './policy';

export interface Ucb1Options extends ArmStatisticsOptions {
  /** Exploration multiplier c in mean + c * scale * sqrt(2 ln N / n). Default 1 (Auer et al. 2002). */
  exploration?: number;
  /**
   * Reward range used to scale the bonus: a number, or `adaptive` (the largest |mean| seen so far)
   * for unbounded rewards such as ROAS. Default 1 (rewards in [0, 1]).
   */
  rewardScale?: number | 'adaptive';
}

/**
 * UCB1 (Auer, Cesa-Bianchi & Fischer 2002): each untried arm once, then the largest
 * mean + c * scale * sqrt(2 ln N / n_i). With a discount or window this is D-UCB / SW-UCB
 * (Garivier & Moulines 2011).
 */
export class Ucb1 implements BanditPolicy {
  readonly name = 'ucb1';
  readonly arms: number;
  readonly statistics: ArmStatistics;
  readonly exploration: number;
  readonly rewardScale: number | 'adaptive';

  constructor(arms: number, options: Ucb1Options = {}) {
    this.arms = arms;
    this.statistics = new ArmStatistics(arms, options);
    this.exploration = options.exploration ?? 1;
    this.rewardScale = options.rewardScale ?? 1;
  }

  #scale(): number {
    if (this.rewardScale !== 'adaptive') return this.rewardScale;
    let scale = 0;
    for (let i = 0; i < this.arms; i++) scale = Math.max(scale, Math.abs(this.statistics.mean(i)));
    return scale || 1;
  }

  select(_rng: Rng): number {
    const { count } = this.statistics;
    for (let i = 0; i < this.arms; i++) if (count[i] === 0) return i;
    const logTotal = Math.log(Math.max(this.statistics.total(), 1));
    const bonus = this.exploration * this.#scale();
    let best = 0;
    let bestIndex = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.arms; i++) {
      const index = this.statistics.mean(i) + bonus * Math.sqrt((2 * logTotal) / count[i]);
      if (index > bestIndex) [best, bestIndex] = [i, index];
    }
    return best;
  }

  preferences(rng: Rng, out: Float64Array): Float64Array {
    return oneHot(out, this.select(rng));
  }

  update(arm: number, reward: number, weight = 1): void {
    this.statistics.add(arm, reward, weight);
  }

  endPeriod(): void {
    this.statistics.endPeriod();
  }
}
