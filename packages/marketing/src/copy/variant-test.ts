import { createRng, InvalidArgumentError, type Rng } from '@shoppilot/core';
import { ThompsonSampling } from '../bandit/thompson-sampling';
import type { CopyResult } from './copy-schema';

/**
 * Runs the variants of one brief as a Beta-Bernoulli Thompson-sampling bandit: `choose` picks the
 * variant to show, `record` feeds back whether it converted (or was clicked), so the best copy
 * wins traffic. Only variants that passed their checks take part.
 */
export class CopyVariantTest {
  readonly variantIds: string[];
  readonly policy: ThompsonSampling;
  readonly #rng: Rng;

  constructor(result: CopyResult, options: { seed?: number; discount?: number } = {}) {
    this.variantIds = result.variants.filter((v) => v.passed).map((v) => v.id);
    if (this.variantIds.length === 0) {
      throw new InvalidArgumentError({ argument: 'result', message: 'no variant passed its checks' });
    }
    this.policy = new ThompsonSampling(this.variantIds.length, {
      model: 'beta-bernoulli',
      discount: options.discount,
    });
    this.#rng = createRng(options.seed ?? 0);
  }

  /** The variant id to show next. */
  choose(): string {
    return this.variantIds[this.policy.select(this.#rng)];
  }

  /** Records an outcome (1 = converted/clicked) for a shown variant. */
  record(variantId: string, outcome: number): void {
    const arm = this.variantIds.indexOf(variantId);
    if (arm < 0)
      throw new InvalidArgumentError({
        argument: 'variantId',
        message: `unknown; known: ${this.variantIds.join(', ')}`,
        value: variantId,
      });
    this.policy.update(arm, outcome);
  }

  /** P(each variant is the best), by Monte Carlo over the posterior. */
  probabilityBest(draws = 2000): Record<string, number> {
    const p = this.policy.probabilityBest(this.#rng, draws);
    return Object.fromEntries(this.variantIds.map((id, i) => [id, p[i]]));
  }
}
