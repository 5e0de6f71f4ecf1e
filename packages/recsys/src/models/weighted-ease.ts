import type { LongRunningOptions } from '@shoppilot/core';
import { InvalidArgumentError } from '@shoppilot/core';
import { userHistories } from '../data/histories';
import type { Interactions } from '../data/interactions';
import { decodeArray, decodeNumber, encodeArray, stateRecord } from '../io/binary';
import { invertSpd } from '../linalg/spd-inverse';
import { BaseRecommender, restoreRecommender, type StoredHistories } from './base-recommender';
import { easeWeights } from './ease';
import type { UserQuery } from './recommender';
import { addKernelGram, ratingConfidence } from './weighted-gram';

export interface WeightedEaseOptions {
  /** L2 weight λ on the item-item weights. Default 500. */
  lambda?: number;
  /** Entries of X are `1 + ratingWeight · rating` (in the Gram and in the user's row). 0 = binary. Default 0. */
  ratingWeight?: number;
  /**
   * Weight β of time-local co-occurrence: the Gram becomes `XᵀX + β Σ_u X_uᵀ K_u X_u` with the
   * Laplacian kernel `K = exp(−|Δt| / timeScale)` between a user's events. 0 = none. Default 0.
   */
  timeWeight?: number;
  /** Time scale of the kernel, in the timestamp unit. Default 180,000 (three minutes in milliseconds). */
  timeScale?: number;
  /**
   * EDLAE dropout probability p (Steck 2020): the diagonal regulariser becomes
   * `Λ = λI + p / (1 − p) · diag(G)`. 0 = plain EASE regularisation. Default 0.
   */
  dropout?: number;
}

interface WeightedEaseModel {
  /** Row-major n x n item-item weights B (zero diagonal). */
  weights: Float32Array;
  /** Rating of every stored history entry (aligned with the stored histories). */
  ratings: Float32Array;
  /** Mean training rating (used for history items without a known rating). */
  meanRating: number;
}

const KIND = 'recsys.weighted-ease';

/**
 * EASE (Steck 2019) on a generalised Gram matrix and regulariser: rating confidence in the
 * entries of X (as in ALS, `c = 1 + a · rating`), time-local co-occurrence (events of one user
 * close in time count extra, `K = exp(−|Δt| / timeScale)`), and the EDLAE dropout regulariser
 * (Steck 2020, "Autoencoders that don't overfit towards the identity"). With the defaults it
 * equals `EaseRecommender`. `B = I − P · diag(1 / diag(P))`, `P = (G + Λ)⁻¹`, zero diagonal;
 * a user's scores are `Σ_h c_h B[h, ·]` over the history.
 */
export class WeightedEaseRecommender extends BaseRecommender<WeightedEaseOptions, WeightedEaseModel> {
  readonly kind = KIND;

  constructor(options: WeightedEaseOptions = {}) {
    super(options);
  }

  async fit(train: Interactions, options: LongRunningOptions = {}): Promise<this> {
    const { lambda, ratingWeight, timeWeight, timeScale, dropout } = this.#settings();
    const n = train.itemIds.length;
    const rows = userHistories(train, { duplicates: 'last' });
    const value = ratingConfidence(rows, ratingWeight);
    const gram = new Float64Array(n * n);
    addKernelGram(gram, rows, value);
    if (timeWeight > 0) addKernelGram(gram, rows, value, timeScale, timeWeight);
    const shrink = dropout / (1 - dropout);
    for (let i = 0; i < n; i++) gram[i * n + i] += lambda + shrink * gram[i * n + i];
    const inverse = await invertSpd(gram, n, options);
    const stored = userHistories(train);
    let sum = 0;
    for (const r of stored.values) sum += r;
    return this.fitted(train, {
      weights: easeWeights(inverse, n),
      ratings: Float32Array.from(stored.values),
      meanRating: stored.values.length ? sum / stored.values.length : 1,
    });
  }

  #settings() {
    const o = this.options;
    const s = {
      lambda: o.lambda ?? 500,
      ratingWeight: o.ratingWeight ?? 0,
      timeWeight: o.timeWeight ?? 0,
      timeScale: o.timeScale ?? 180_000,
      dropout: o.dropout ?? 0,
    };
    const check = (argument: string, ok: boolean, value: number, message: string) => {
      if (!ok) throw new InvalidArgumentError({ argument, message, value });
    };
    check('lambda', s.lambda > 0, s.lambda, 'must be > 0');
    check('ratingWeight', s.ratingWeight >= 0, s.ratingWeight, 'must be >= 0');
    check('timeWeight', s.timeWeight >= 0, s.timeWeight, 'must be >= 0');
    check('timeScale', s.timeScale > 0, s.timeScale, 'must be > 0');
    check('dropout', s.dropout >= 0 && s.dropout < 1, s.dropout, 'must be in [0, 1)');
    return s;
  }

  /** Confidence `1 + a · rating` of each history item: the stored rating, else the query's, else the mean. */
  #confidences(model: WeightedEaseModel, query: UserQuery): Map<number, number> {
    const a = this.options.ratingWeight ?? 0;
    const known = new Map<number, number>();
    const h = this.histories;
    if (query.user !== undefined && query.user < h.userIds.length) {
      for (let k = h.offsets[query.user]; k < h.offsets[query.user + 1]; k++)
        known.set(h.items[k], model.ratings[k]);
    }
    const out = new Map<number, number>();
    for (let k = 0; k < query.items.length; k++) {
      const item = query.items[k];
      const rating = known.get(item) ?? query.weights?.[k] ?? model.meanRating;
      out.set(item, 1 + a * rating);
    }
    return out;
  }

  protected scoreQuery(model: WeightedEaseModel, query: UserQuery): Float64Array {
    const n = this.histories.itemIds.length;
    const scores = new Float64Array(n);
    for (const [item, c] of this.#confidences(model, query)) {
      const row = model.weights.subarray(item * n, item * n + n);
      for (let j = 0; j < n; j++) scores[j] += c * row[j];
    }
    return scores;
  }

  protected override explainItem(model: WeightedEaseModel, query: UserQuery, item: number): string[] {
    const { itemIds } = this.histories;
    const n = itemIds.length;
    return [...this.#confidences(model, query)]
      .map(([source, c]) => ({ source, weight: c * model.weights[source * n + item] }))
      .filter((c) => c.weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 2)
      .map((c) => `goes with "${itemIds[c.source]}" (weighted EASE ${c.weight.toFixed(3)})`);
  }

  protected encodeModel(model: WeightedEaseModel): unknown {
    return {
      weights: encodeArray(model.weights),
      ratings: encodeArray(model.ratings),
      meanRating: model.meanRating,
    };
  }

  protected decodeModel(json: unknown, histories: StoredHistories): WeightedEaseModel {
    const n = histories.itemIds.length;
    const record = stateRecord(json, KIND);
    return {
      weights: decodeArray(record.weights, 'float32', KIND, 'state.model.weights', n * n),
      ratings: decodeArray(record.ratings, 'float32', KIND, 'state.model.ratings', histories.items.length),
      meanRating: decodeNumber(record.meanRating, KIND, 'state.model.meanRating'),
    };
  }

  static fromJSON(json: unknown): WeightedEaseRecommender {
    return restoreRecommender(
      json,
      KIND,
      1,
      (options: WeightedEaseOptions) => new WeightedEaseRecommender(options),
    );
  }
}
