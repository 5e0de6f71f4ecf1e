import { createRng, type LongRunningOptions, throwIfAborted, yieldToEventLoop } from '@shoppilot/core';
import { itemHistories, type SparseRows, userHistories } from '../data/histories';
import type { Interactions } from '../data/interactions';
import { restoreRecommender } from './base-recommender';
import { conjugateGradient, type FactorModel } from './factor-model';
import { FactorRecommender } from './factor-recommender';

export interface AlsOptions {
  /** Latent dimensions. Default 64. */
  factors?: number;
  /** Alternating sweeps. Default 15. */
  iterations?: number;
  /** L2 weight λ. Default 0.1. */
  regularization?: number;
  /** Confidence `c = 1 + alpha · weight` of observed pairs. Default 10. */
  alpha?: number;
  /** Conjugate-gradient steps per row per sweep (warm-started). Default 3. */
  cgSteps?: number;
  /** Use interaction weights (ratings) in the confidence; otherwise every pair has weight 1. Default false. */
  useWeights?: boolean;
  /** Seed of the initial factors. Default 0. */
  seed?: number;
}

const KIND = 'recsys.als';

/**
 * Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren & Volinsky 2008)
 * with the conjugate-gradient row solver of Takács, Pilászy & Tikk (2011): each row solves
 * `(VᵀV + Vᵀ(C − I)V + λI) u = Vᵀ C p` with a few warm-started CG steps.
 */
export class AlsRecommender extends FactorRecommender<AlsOptions> {
  readonly kind = KIND;

  constructor(options: AlsOptions = {}) {
    super(options);
  }

  async fit(train: Interactions, options: LongRunningOptions = {}): Promise<this> {
    const f = this.options.factors ?? 64;
    const rng = createRng(this.options.seed ?? 0);
    const byUser = userHistories(train, { duplicates: 'first' });
    const byItem = itemHistories(train, { duplicates: 'first' });
    const init = (rows: number) => Float32Array.from({ length: rows * f }, () => rng.normal(0, 0.01));
    const model: FactorModel = {
      factors: f,
      userFactors: init(byUser.rows),
      itemFactors: init(byItem.rows),
      itemBias: new Float32Array(byItem.rows),
    };
    const iterations = this.options.iterations ?? 15;
    for (let it = 0; it < iterations; it++) {
      throwIfAborted(options.signal);
      this.#sweep(model.userFactors, model.itemFactors, byUser);
      this.#sweep(model.itemFactors, model.userFactors, byItem);
      options.onProgress?.({ stage: 'als', completed: it + 1, total: iterations });
      await yieldToEventLoop();
    }
    return this.fitted(train, model);
  }

  /** Updates every row of `target` given the fixed `other` factors. */
  #sweep(target: Float32Array, other: Float32Array, rows: SparseRows): void {
    const f = this.options.factors ?? 64;
    const lambda = this.options.regularization ?? 0.1;
    const alpha = this.options.alpha ?? 10;
    const gram = gramOf(other, f);
    const b = new Float64Array(f);
    const x = new Float64Array(f);
    for (let r = 0; r < rows.rows; r++) {
      const from = rows.offsets[r];
      const to = rows.offsets[r + 1];
      if (from === to) continue;
      b.fill(0);
      for (let k = from; k < to; k++) {
        const c = 1 + alpha * (this.options.useWeights ? rows.values[k] : 1);
        const row = rows.indices[k] * f;
        for (let d = 0; d < f; d++) b[d] += c * other[row + d];
      }
      for (let d = 0; d < f; d++) x[d] = target[r * f + d];
      const apply = (v: Float64Array, out: Float64Array) => {
        for (let d = 0; d < f; d++) {
          let s = lambda * v[d];
          for (let e = 0; e < f; e++) s += gram[d * f + e] * v[e];
          out[d] = s;
        }
        for (let k = from; k < to; k++) {
          const c = alpha * (this.options.useWeights ? rows.values[k] : 1);
          const row = rows.indices[k] * f;
          let dot = 0;
          for (let d = 0; d < f; d++) dot += other[row + d] * v[d];
          for (let d = 0; d < f; d++) out[d] += c * dot * other[row + d];
        }
      };
      conjugateGradient(apply, b, x, this.options.cgSteps ?? 3);
      for (let d = 0; d < f; d++) target[r * f + d] = x[d];
    }
  }

  protected foldInRegularization(): number {
    return this.options.regularization ?? 0.1;
  }

  static fromJSON(json: unknown): AlsRecommender {
    return restoreRecommender(json, KIND, 1, (options: AlsOptions) => new AlsRecommender(options));
  }
}

/** VᵀV (f x f) of row-major factors. */
function gramOf(v: Float32Array, f: number): Float64Array {
  const gram = new Float64Array(f * f);
  for (let row = 0; row < v.length; row += f) {
    for (let d = 0; d < f; d++) {
      const x = v[row + d];
      if (x === 0) continue;
      for (let e = 0; e < f; e++) gram[d * f + e] += x * v[row + e];
    }
  }
  return gram;
}
