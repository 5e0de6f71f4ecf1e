import { InvalidArgumentError, type Rng } from '@shoppilot/core';
import { ArmStatistics, type ArmStatisticsOptions } from './arm-statistics';
import type { BanditPolicy } from './policy';

export type ThompsonModel = 'beta-bernoulli' | 'gaussian' | 'log-normal';

export interface ThompsonSamplingOptions extends ArmStatisticsOptions {
  /**
   * Reward model: `beta-bernoulli` for conversions (rewards in [0, 1]), `gaussian` for revenue
   * (Normal-Gamma posterior on mean and precision), `log-normal` for positive skewed rewards such
   * as ROAS (Normal-Gamma on log reward; the arm value is the log-normal mean exp(mu + 1/(2 tau))).
   * Default `beta-bernoulli`.
   */
  model?: ThompsonModel;
  /** Beta prior (alpha, beta) for `beta-bernoulli`. Default [1, 1]. */
  betaPrior?: [number, number];
  /**
   * Normal-Gamma prior (mu0, kappa0, a0, b0) for `gaussian` / `log-normal` (on the log scale).
   * Default [0, 0.01, 1, 1]: a vague mean, a prior variance around b0/a0 = 1.
   */
  normalGammaPrior?: [number, number, number, number];
  /** Posterior draws per arm behind `preferences` (winner counts). Default 1. */
  samples?: number;
}

/**
 * Thompson sampling (Thompson 1933; Chapelle & Li 2011; Agrawal & Goyal 2012): draw each arm's
 * value from its posterior and play the largest. Discounted or sliding-window statistics give
 * the drifting-channel variants (Raj & Kalyani 2017).
 */
export class ThompsonSampling implements BanditPolicy {
  readonly name: string;
  readonly arms: number;
  readonly model: ThompsonModel;
  readonly statistics: ArmStatistics;
  readonly samples: number;
  readonly #betaPrior: [number, number];
  readonly #ngPrior: [number, number, number, number];
  readonly #draws: Float64Array;

  constructor(arms: number, options: ThompsonSamplingOptions = {}) {
    this.arms = arms;
    this.model = options.model ?? 'beta-bernoulli';
    this.statistics = new ArmStatistics(arms, options);
    this.samples = options.samples ?? 1;
    if (!(Number.isInteger(this.samples) && this.samples >= 1)) {
      throw new InvalidArgumentError({
        argument: 'samples',
        message: 'must be an integer >= 1',
        value: this.samples,
      });
    }
    this.#betaPrior = options.betaPrior ?? [1, 1];
    this.#ngPrior = options.normalGammaPrior ?? [0, 0.01, 1, 1];
    this.#draws = new Float64Array(arms);
    this.name = `thompson-${this.model}`;
  }

  /** One posterior draw of arm `i`'s expected reward. */
  sample(i: number, rng: Rng): number {
    const n = this.statistics.count[i];
    if (this.model === 'beta-bernoulli') {
      const successes = this.statistics.sum[i];
      return rng.beta(this.#betaPrior[0] + successes, this.#betaPrior[1] + Math.max(0, n - successes));
    }
    const [mu0, kappa0, a0, b0] = this.#ngPrior;
    const mean = n > 0 ? this.statistics.sum[i] / n : 0;
    const scatter = Math.max(0, this.statistics.sumSquares[i] - n * mean * mean);
    const kappa = kappa0 + n;
    const mu = (kappa0 * mu0 + n * mean) / kappa;
    // weighted observations (weight w_i: precision w_i * tau): the shape grows by 1/2 per
    // observation, whatever its weight (the scatter below is already weighted)
    const shape = a0 + this.statistics.observations[i] / 2;
    const rate = b0 + scatter / 2 + (kappa0 * n * (mean - mu0) ** 2) / (2 * kappa);
    const precision = rng.gamma(shape, 1 / rate);
    const draw = rng.normal(mu, 1 / Math.sqrt(kappa * precision));
    return this.model === 'gaussian' ? draw : Math.exp(draw + 1 / (2 * precision));
  }

  select(rng: Rng): number {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.arms; i++) {
      const value = this.sample(i, rng);
      if (value > bestValue) [best, bestValue] = [i, value];
    }
    return best;
  }

  /** Share of `samples` joint draws each arm wins (one draw: one-hot on the Thompson choice). */
  preferences(rng: Rng, out: Float64Array): Float64Array {
    out.fill(0);
    for (let s = 0; s < this.samples; s++) out[this.select(rng)] += 1 / this.samples;
    return out;
  }

  /** Monte Carlo estimate of P(arm is best) from `draws` joint posterior draws. */
  probabilityBest(rng: Rng, draws = 1000): Float64Array {
    const wins = new Float64Array(this.arms);
    for (let s = 0; s < draws; s++) wins[this.select(rng)] += 1 / draws;
    return wins;
  }

  /**
   * Adds one observation. For `gaussian` / `log-normal`, `weight` scales its precision (an
   * observation of weight w has variance 1 / (w tau), e.g. a ROAS measured on w times the
   * reference spend); the posterior's shape still grows by 1/2 per observation.
   */
  update(arm: number, reward: number, weight = 1): void {
    if (this.model === 'log-normal') {
      if (!(reward > 0)) {
        throw new InvalidArgumentError({
          argument: 'reward',
          message: 'log-normal rewards must be > 0',
          value: reward,
        });
      }
      this.statistics.add(arm, Math.log(reward), weight);
    } else {
      this.statistics.add(arm, reward, weight);
    }
  }

  endPeriod(): void {
    this.statistics.endPeriod();
  }

  /** Draws for all arms into a reused buffer (hot path of budget allocation). */
  sampleAll(rng: Rng): Float64Array {
    for (let i = 0; i < this.arms; i++) this.#draws[i] = this.sample(i, rng);
    return this.#draws;
  }
}
