import type { LongRunningOptions } from '@shoppilot/core';
import { userHistories } from '../data/histories';
import type { Interactions } from '../data/interactions';
import { decodeArray, decodeNumber, encodeArray, stateRecord } from '../io/binary';
import { BaseRecommender, restoreRecommender, type StoredHistories } from './base-recommender';
import type { UserQuery } from './recommender';

export interface PopularityOptions {
  /**
   * `global`: distinct users per item over all of training; `recent`: every interaction weighted
   * by `0.5^(age / halfLife)` with age measured from the last training time. Default `global`.
   */
  mode?: 'global' | 'recent';
  /** Half-life of `recent`, in the unit of the timestamps. Default 7 days in milliseconds. */
  halfLife?: number;
}

export const DAY_MS = 86_400_000;

interface PopularityModel {
  scores: Float64Array;
  /** Distinct users per item (for the reasons). */
  users: Float64Array;
  lastTime: number;
}

const KIND = 'recsys.popularity';

/** Most popular items first (global counts, or recent with exponential time decay). Same list for everyone. */
export class PopularityRecommender extends BaseRecommender<PopularityOptions, PopularityModel> {
  readonly kind = KIND;

  constructor(options: PopularityOptions = {}) {
    super(options);
  }

  fit(train: Interactions, _options?: LongRunningOptions): this {
    const n = train.itemIds.length;
    const rows = userHistories(train, { duplicates: 'first' });
    const users = new Float64Array(n);
    for (let k = 0; k < rows.indices.length; k++) users[rows.indices[k]]++;
    let lastTime = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < train.times.length; i++) lastTime = Math.max(lastTime, train.times[i]);
    if (!Number.isFinite(lastTime)) lastTime = 0;
    const scores =
      this.options.mode === 'recent' ? recentScores(train, n, lastTime, this.halfLife) : users.slice();
    return this.fitted(train, { scores, users, lastTime });
  }

  get halfLife(): number {
    return this.options.halfLife ?? 7 * DAY_MS;
  }

  protected scoreQuery(model: PopularityModel, _query: UserQuery): Float64Array {
    return model.scores.slice();
  }

  protected override explainItem(model: PopularityModel, _query: UserQuery, item: number): string[] {
    if (this.options.mode === 'recent') {
      return [
        `trending: ${model.scores[item].toFixed(1)} time-decayed interactions (half-life ${this.halfLife})`,
      ];
    }
    return [`popular: ${model.users[item]} users interacted with it`];
  }

  protected encodeModel(model: PopularityModel): unknown {
    return { scores: encodeArray(model.scores), users: encodeArray(model.users), lastTime: model.lastTime };
  }

  protected decodeModel(json: unknown, histories: StoredHistories): PopularityModel {
    const record = stateRecord(json, KIND);
    const n = histories.itemIds.length;
    return {
      scores: decodeArray(record.scores, 'float64', KIND, 'state.model.scores', n),
      users: decodeArray(record.users, 'float64', KIND, 'state.model.users', n),
      lastTime: decodeNumber(record.lastTime, KIND, 'state.model.lastTime'),
    };
  }

  static fromJSON(json: unknown): PopularityRecommender {
    return restoreRecommender(
      json,
      KIND,
      1,
      (options: PopularityOptions) => new PopularityRecommender(options),
    );
  }
}

/** Σ weight · 0.5^((lastTime − t) / halfLife) per item. */
export function recentScores(
  train: Interactions,
  n: number,
  lastTime: number,
  halfLife: number,
): Float64Array {
  const scores = new Float64Array(n);
  for (let i = 0; i < train.items.length; i++) {
    scores[train.items[i]] += 0.5 ** ((lastTime - train.times[i]) / halfLife);
  }
  return scores;
}
