import { createRng, type LongRunningOptions, throwIfAborted, yieldToEventLoop } from '@shoppilot/core';
import { userHistories } from '../data/histories';
import type { Interactions } from '../data/interactions';
import { restoreRecommender } from './base-recommender';
import type { FactorModel } from './factor-model';
import { FactorRecommender } from './factor-recommender';

export interface BprOptions {
  /** Latent dimensions. Default 64. */
  factors?: number;
  /** Passes; each draws as many (user, positive, negative) triples as there are interactions. Default 50. */
  epochs?: number;
  /** SGD step. Default 0.05. */
  learningRate?: number;
  /** L2 weight on factors and biases. Default 0.001. */
  regularization?: number;
  /** Seed of initialisation and sampling. Default 0. */
  seed?: number;
}

const KIND = 'recsys.bpr';

/**
 * Bayesian Personalised Ranking (Rendle et al. 2009): matrix factorisation with item biases,
 * trained by SGD on `ln σ(x_ui − x_uj)` over uniformly sampled (user, seen item, unseen item)
 * triples. New users are folded in by ridge regression on the item factors.
 */
export class BprRecommender extends FactorRecommender<BprOptions> {
  readonly kind = KIND;

  constructor(options: BprOptions = {}) {
    super(options);
  }

  async fit(train: Interactions, options: LongRunningOptions = {}): Promise<this> {
    const f = this.options.factors ?? 64;
    const rng = createRng(this.options.seed ?? 0);
    const rows = userHistories(train, { duplicates: 'first' });
    const nItems = rows.columns;
    const model: FactorModel = {
      factors: f,
      userFactors: Float32Array.from({ length: rows.rows * f }, () => rng.normal(0, 0.1)),
      itemFactors: Float32Array.from({ length: nItems * f }, () => rng.normal(0, 0.1)),
      itemBias: new Float32Array(nItems),
    };
    const seen = rows.rows > 0 ? seenSets(rows.offsets, rows.indices, rows.rows) : [];
    const users = Int32Array.from({ length: rows.indices.length }, (_, k) => upperBound(rows.offsets, k) - 1);
    const epochs = this.options.epochs ?? 50;
    for (let epoch = 0; epoch < epochs; epoch++) {
      throwIfAborted(options.signal);
      for (let s = 0; s < users.length; s++) {
        const k = rng.int(users.length);
        const u = users[k];
        let j = rng.int(nItems);
        for (let tries = 0; seen[u].has(j) && tries < 20; tries++) j = rng.int(nItems);
        if (seen[u].has(j)) continue;
        this.#step(model, u, rows.indices[k], j);
      }
      options.onProgress?.({ stage: 'bpr', completed: epoch + 1, total: epochs });
      await yieldToEventLoop();
    }
    return this.fitted(train, model);
  }

  #step(model: FactorModel, u: number, i: number, j: number): void {
    const f = model.factors;
    const rate = this.options.learningRate ?? 0.05;
    const reg = this.options.regularization ?? 0.001;
    const P = model.userFactors;
    const Q = model.itemFactors;
    let x = model.itemBias[i] - model.itemBias[j];
    for (let d = 0; d < f; d++) x += P[u * f + d] * (Q[i * f + d] - Q[j * f + d]);
    const g = 1 / (1 + Math.exp(x));
    model.itemBias[i] += rate * (g - reg * model.itemBias[i]);
    model.itemBias[j] += rate * (-g - reg * model.itemBias[j]);
    for (let d = 0; d < f; d++) {
      const pu = P[u * f + d];
      const qi = Q[i * f + d];
      const qj = Q[j * f + d];
      P[u * f + d] += rate * (g * (qi - qj) - reg * pu);
      Q[i * f + d] += rate * (g * pu - reg * qi);
      Q[j * f + d] += rate * (-g * pu - reg * qj);
    }
  }

  protected foldInRegularization(): number {
    return 1;
  }

  static fromJSON(json: unknown): BprRecommender {
    return restoreRecommender(json, KIND, 1, (options: BprOptions) => new BprRecommender(options));
  }
}

function seenSets(offsets: Int32Array, indices: Int32Array, rows: number): Set<number>[] {
  return Array.from({ length: rows }, (_, u) => new Set(indices.subarray(offsets[u], offsets[u + 1])));
}

/** First position whose value is greater than `value` (offsets are non-decreasing). */
function upperBound(offsets: Int32Array, value: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
