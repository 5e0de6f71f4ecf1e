import { InvalidArgumentError, type LongRunningOptions } from '@shoppilot/core';
import type { Interactions } from '../data/interactions';
import { stateRecord } from '../io/binary';
import { BaseRecommender, restoreRecommender, type StoredHistories } from './base-recommender';
import type { Recommender, UserQuery } from './recommender';
import { createRecommender, loadRecommender } from './registry';

export interface BlendComponent {
  /** A registered recommender kind, e.g. `recsys.ease`. */
  kind: string;
  /** Its options. */
  options?: object;
  /** Weight of its standardised scores. */
  weight: number;
}

export interface BlendOptions {
  /** The models and their weights. Required (at least one). */
  components?: BlendComponent[];
}

interface BlendModel {
  models: Recommender[];
}

const KIND = 'recsys.blend';

/**
 * A weighted sum of several recommenders' scores, each standardised per user (z-score over the
 * items not in the history) so that scales do not matter. Tune the weights on a validation split
 * of the training data (as the bench does in `bench/suites/recsys-common.ts`), never on the test.
 */
export class BlendRecommender extends BaseRecommender<BlendOptions, BlendModel> {
  readonly kind = KIND;

  constructor(options: BlendOptions = {}) {
    super(options);
  }

  get components(): BlendComponent[] {
    const components = this.options.components ?? [];
    if (components.length === 0) {
      throw new InvalidArgumentError({
        argument: 'components',
        message: 'a blend needs at least one component',
      });
    }
    return components;
  }

  async fit(train: Interactions, options: LongRunningOptions = {}): Promise<this> {
    const models: Recommender[] = [];
    for (const component of this.components) {
      const model = createRecommender(component.kind, component.options ?? {});
      await model.fit(train, options);
      models.push(model);
    }
    return this.fitted(train, { models });
  }

  /** Builds a blend from models already fitted on `train` (no refitting). */
  static fromFitted(train: Interactions, models: Recommender[], weights: number[]): BlendRecommender {
    const blend = new BlendRecommender({
      components: models.map((model, k) => ({
        kind: model.kind,
        options: { ...model.options },
        weight: weights[k],
      })),
    });
    return blend.fitted(train, { models });
  }

  override scoreItems(queries: readonly UserQuery[]): Float64Array[] {
    const { models } = this.model;
    const weights = this.components.map((c) => c.weight);
    const n = this.itemIds.length;
    const out = queries.map(() => new Float64Array(n));
    models.forEach((model, m) => {
      if (weights[m] === 0) return;
      const scores = model.scoreItems(queries);
      queries.forEach((query, q) => {
        addStandardised(out[q], scores[q], query.items, weights[m]);
      });
    });
    return out;
  }

  protected scoreQuery(_model: BlendModel, query: UserQuery): Float64Array {
    return this.scoreItems([query])[0];
  }

  protected override explainItem(model: BlendModel, query: UserQuery, item: number): string[] {
    const reasons: string[] = [];
    model.models.forEach((m, k) => {
      if (this.components[k].weight <= 0) return;
      const list = m.recommend(query, { k: 1, candidates: [this.itemIds[item]], excludeSeen: false });
      for (const reason of list.items[0]?.reasons ?? []) reasons.push(`${m.kind}: ${reason}`);
    });
    return reasons.slice(0, 3);
  }

  protected encodeModel(model: BlendModel): unknown {
    return { models: model.models.map((m) => m.toJSON()) };
  }

  protected decodeModel(json: unknown, _histories: StoredHistories): BlendModel {
    const record = stateRecord(json, KIND);
    const list = Array.isArray(record.models) ? record.models : [];
    return { models: list.map((m) => loadRecommender(m)) };
  }

  static fromJSON(json: unknown): BlendRecommender {
    return restoreRecommender(json, KIND, 1, (options: BlendOptions) => new BlendRecommender(options));
  }
}

/** `target += weight · (scores − mean) / sd`, mean and sd over the items not in `history`. */
export function addStandardised(
  target: Float64Array,
  scores: Float64Array,
  history: ArrayLike<number>,
  weight: number,
): void {
  const seen = new Set<number>();
  for (let h = 0; h < history.length; h++) seen.add(history[h]);
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let i = 0; i < scores.length; i++) {
    if (seen.has(i)) continue;
    sum += scores[i];
    squares += scores[i] * scores[i];
    count++;
  }
  const mean = count > 0 ? sum / count : 0;
  const sd = Math.sqrt(Math.max(0, squares / Math.max(1, count) - mean * mean)) || 1;
  for (let i = 0; i < scores.length; i++) target[i] += (weight * (scores[i] - mean)) / sd;
}
