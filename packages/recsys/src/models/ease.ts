import type { LongRunningOptions } from '@shoppilot/core';
import { InvalidArgumentError } from '@shoppilot/core';
import { userHistories } from '../data/histories';
import type { Interactions } from '../data/interactions';
import { decodeArray, encodeArray, stateRecord } from '../io/binary';
import { invertSpd } from '../linalg/spd-inverse';
import { BaseRecommender, restoreRecommender, type StoredHistories } from './base-recommender';
import { addGram, sessionRows } from './gram';
import type { UserQuery } from './recommender';

export interface EaseOptions {
  /** L2 weight λ on the item-item weights. Default 500. */
  lambda?: number;
  /**
   * Weight β of session co-occurrence: the Gram matrix becomes `XᵀX + β SᵀS`, where the rows of S
   * are sessions (a user's events cut at gaps longer than `sessionGap`). 0 = plain EASE. Default 0.
   */
  sessionWeight?: number;
  /** Session cut, in the timestamp unit. Default 60,000 (one minute in milliseconds). */
  sessionGap?: number;
}

interface EaseModel {
  /** Row-major n x n item-item weights B (zero diagonal). */
  weights: Float32Array;
}

const KIND = 'recsys.ease';

/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): the closed form
 * `P = (XᵀX + λI)⁻¹`, `B = I − P · diag(1 / diag(P))` with a zero diagonal; a user's scores are
 * `x_u B`. The inverse runs in Float64 typed arrays (blocked Cholesky, see `invertSpd`).
 */
export class EaseRecommender extends BaseRecommender<EaseOptions, EaseModel> {
  readonly kind = KIND;

  constructor(options: EaseOptions = {}) {
    super(options);
  }

  async fit(train: Interactions, options: LongRunningOptions = {}): Promise<this> {
    const lambda = this.options.lambda ?? 500;
    if (!(lambda > 0))
      throw new InvalidArgumentError({ argument: 'lambda', message: 'must be > 0', value: lambda });
    const n = train.itemIds.length;
    const rows = userHistories(train);
    const gram = new Float64Array(n * n);
    addGram(gram, rows);
    const beta = this.options.sessionWeight ?? 0;
    if (beta > 0) addGram(gram, sessionRows(rows, this.options.sessionGap ?? 60_000), beta);
    for (let i = 0; i < n; i++) gram[i * n + i] += lambda;
    const inverse = await invertSpd(gram, n, options);
    return this.fitted(train, { weights: easeWeights(inverse, n) });
  }

  protected scoreQuery(model: EaseModel, query: UserQuery): Float64Array {
    const n = this.histories.itemIds.length;
    const scores = new Float64Array(n);
    const seen = new Set<number>();
    for (let h = 0; h < query.items.length; h++) {
      const item = query.items[h];
      if (seen.has(item)) continue;
      seen.add(item);
      const row = model.weights.subarray(item * n, item * n + n);
      for (let j = 0; j < n; j++) scores[j] += row[j];
    }
    return scores;
  }

  protected override explainItem(model: EaseModel, query: UserQuery, item: number): string[] {
    const { itemIds } = this.histories;
    const n = itemIds.length;
    const sources = [...new Set(Array.from(query.items))]
      .map((source) => ({ source, weight: model.weights[source * n + item] }))
      .filter((c) => c.weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 2);
    return sources.map((c) => `goes with "${itemIds[c.source]}" (EASE weight ${c.weight.toFixed(3)})`);
  }

  protected encodeModel(model: EaseModel): unknown {
    return { weights: encodeArray(model.weights) };
  }

  protected decodeModel(json: unknown, histories: StoredHistories): EaseModel {
    const n = histories.itemIds.length;
    return {
      weights: decodeArray(stateRecord(json, KIND).weights, 'float32', KIND, 'state.model.weights', n * n),
    };
  }

  static fromJSON(json: unknown): EaseRecommender {
    return restoreRecommender(json, KIND, 1, (options: EaseOptions) => new EaseRecommender(options));
  }
}

/** `B[i][j] = −P[i][j] / P[j][j]`, `B[i][i] = 0`, as Float32. */
export function easeWeights(inverse: Float64Array, n: number): Float32Array {
  const weights = new Float32Array(n * n);
  const diagonal = new Float64Array(n);
  for (let j = 0; j < n; j++) diagonal[j] = inverse[j * n + j];
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) weights[row + j] = i === j ? 0 : -inverse[row + j] / diagonal[j];
  }
  return weights;
}
