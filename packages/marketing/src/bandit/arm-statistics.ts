import { InvalidArgumentError } from '@shoppilot/core';

export interface ArmStatisticsOptions {
  /**
   * Discount factor applied to every arm's statistics at the end of each period (discounted
   * bandits, Garivier & Moulines 2011): 1 keeps everything, 0.95 halves an observation's weight
   * in ~14 periods. Default 1.
   */
  discount?: number;
  /** Keep only observations from the last `window` periods (sliding-window bandits). Default: all. */
  window?: number;
}

/**
 * Weighted sufficient statistics per arm (weight n, sum, sum of squares) with optional
 * discounting or a sliding window over periods. Observations may arrive late (delayed rewards):
 * each is counted in the period in which it is added.
 */
export class ArmStatistics {
  readonly arms: number;
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly sumSquares: Float64Array;
  /**
   * Number of observations per arm (discounted / windowed like the sums). Differs from `count`
   * (the summed weights) when observations carry weights, e.g. spend: the degrees of freedom of a
   * variance estimate come from the number of observations, not from their total weight.
   */
  readonly observations: Float64Array;
  readonly discount: number;
  readonly window: number | undefined;
  #period = 0;
  #queue: Array<{ period: number; arm: number; value: number; weight: number }> = [];

  constructor(arms: number, options: ArmStatisticsOptions = {}) {
    if (!(Number.isInteger(arms) && arms >= 1)) {
      throw new InvalidArgumentError({ argument: 'arms', message: 'must be an integer >= 1', value: arms });
    }
    const discount = options.discount ?? 1;
    if (!(discount > 0 && discount <= 1)) {
      throw new InvalidArgumentError({ argument: 'discount', message: 'must be in (0, 1]', value: discount });
    }
    if (options.window !== undefined && !(Number.isInteger(options.window) && options.window >= 1)) {
      throw new InvalidArgumentError({
        argument: 'window',
        message: 'must be an integer >= 1',
        value: options.window,
      });
    }
    this.arms = arms;
    this.count = new Float64Array(arms);
    this.sum = new Float64Array(arms);
    this.sumSquares = new Float64Array(arms);
    this.observations = new Float64Array(arms);
    this.discount = discount;
    this.window = options.window;
  }

  add(arm: number, value: number, weight = 1): void {
    if (!(arm >= 0 && arm < this.arms && Number.isInteger(arm))) {
      throw new InvalidArgumentError({
        argument: 'arm',
        message: `must be an integer in [0, ${this.arms})`,
        value: arm,
      });
    }
    if (!Number.isFinite(value) || !(weight > 0)) {
      throw new InvalidArgumentError({
        argument: 'reward',
        message: 'needs a finite value and a weight > 0',
        value,
      });
    }
    this.count[arm] += weight;
    this.sum[arm] += weight * value;
    this.sumSquares[arm] += weight * value * value;
    this.observations[arm] += 1;
    if (this.window !== undefined) this.#queue.push({ period: this.#period, arm, value, weight });
  }

  /** Closes a period: applies the discount and drops observations that left the window. */
  endPeriod(): void {
    this.#period++;
    if (this.discount < 1) {
      for (let i = 0; i < this.arms; i++) {
        this.count[i] *= this.discount;
        this.sum[i] *= this.discount;
        this.sumSquares[i] *= this.discount;
        this.observations[i] *= this.discount;
      }
    }
    if (this.window !== undefined) {
      const oldest = this.#period - this.window;
      while (this.#queue.length && this.#queue[0].period < oldest) {
        const { arm, value, weight } = this.#queue.shift()!;
        this.count[arm] = Math.max(0, this.count[arm] - weight);
        this.sum[arm] -= weight * value;
        this.sumSquares[arm] -= weight * value * value;
        this.observations[arm] = Math.max(0, this.observations[arm] - 1);
        if (this.count[arm] < 1e-12) {
          this.count[arm] = this.sum[arm] = this.sumSquares[arm] = this.observations[arm] = 0;
        }
      }
    }
  }

  mean(arm: number): number {
    return this.count[arm] > 0 ? this.sum[arm] / this.count[arm] : 0;
  }

  total(): number {
    let total = 0;
    for (let i = 0; i < this.arms; i++) total += this.count[i];
    return total;
  }
}
