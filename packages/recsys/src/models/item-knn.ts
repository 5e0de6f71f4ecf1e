import type { LongRunningOptions } from '@shoppilot/core';
import { type SparseRows, userHistories } from '../data/histories';
import type { Interactions } from '../data/interactions';
import { decodeArray, encodeArray, stateRecord } from '../io/binary';
import { BaseRecommender, restoreRecommender, type StoredHistories } from './base-recommender';
import { historyWeights } from './history-weights';
import { itemSimilarity, type SparseNeighbours } from './item-similarity';
import type { UserQuery } from './recommender';

export interface ItemKnnOptions {
  /** `cosine` (distinct users, the classic item-kNN) or `covisitation` (events close in a sequence). Default `cosine`. */
  similarity?: 'cosine' | 'covisitation';
  /** Neighbours kept per item. Default 100. */
  neighbours?: number;
  /** Shrinkage added to the cosine denominator. Default 0. */
  shrink?: number;
  /** Co-visitation window in positions. Default 5. */
  window?: number;
  /** Co-visitation: largest time gap between the two events (timestamp unit). Default Infinity. */
  maxGap?: number;
  /** Co-visitation: half-life of a pair's weight in time between the events (0 = none). Default 0. */
  pairHalfLife?: number;
  /** Co-visitation: only "viewed after" pairs. Default false. */
  directed?: boolean;
  /** History recency: weight halves every this many positions back from the last item (0 = none). Default 0. */
  positionHalfLife?: number;
  /** History recency: weight halves every this much time before the query time (0 = none). Default 0. */
  timeHalfLife?: number;
}

const KIND = 'recsys.item-knn';

/**
 * Item-based k-nearest neighbours (Sarwar et al. 2001; Deshpande & Karypis 2004): an item's score
 * is the sum of its similarities to the (recency-weighted) history items.
 */
export class ItemKnnRecommender extends BaseRecommender<ItemKnnOptions, SparseNeighbours> {
  readonly kind = KIND;

  constructor(options: ItemKnnOptions = {}) {
    super(options);
  }

  fit(train: Interactions, options: LongRunningOptions = {}): this {
    const cosine = (this.options.similarity ?? 'cosine') === 'cosine';
    const rows = userHistories(train, { duplicates: cosine ? 'first' : 'keep' });
    return this.fitted(train, knnNeighbours(rows, this.options, options.signal));
  }

  protected scoreQuery(model: SparseNeighbours, query: UserQuery): Float64Array {
    return neighbourScores(model, query, this.options);
  }

  protected override explainItem(model: SparseNeighbours, query: UserQuery, item: number): string[] {
    const { itemIds } = this.histories;
    const contributions: Array<{ source: number; weight: number }> = [];
    for (let h = 0; h < query.items.length; h++) {
      const source = query.items[h];
      for (let k = model.offsets[source]; k < model.offsets[source + 1]; k++) {
        if (model.indices[k] === item) contributions.push({ source, weight: model.weights[k] });
      }
    }
    contributions.sort((a, b) => b.weight - a.weight);
    const verb = this.options.similarity === 'covisitation' ? 'viewed together with' : 'similar to';
    return contributions
      .slice(0, 2)
      .map((c) => `${verb} "${itemIds[c.source]}" (similarity ${c.weight.toFixed(3)})`);
  }

  /** The neighbours of an item id with their similarities. */
  neighboursOf(itemId: string): Array<{ itemId: string; similarity: number }> {
    const { itemIds } = this.histories;
    const item = itemIds.indexOf(itemId);
    if (item < 0) return [];
    const model = this.model;
    const out: Array<{ itemId: string; similarity: number }> = [];
    for (let k = model.offsets[item]; k < model.offsets[item + 1]; k++) {
      out.push({ itemId: itemIds[model.indices[k]], similarity: model.weights[k] });
    }
    return out;
  }

  protected encodeModel(model: SparseNeighbours): unknown {
    return {
      offsets: encodeArray(model.offsets),
      indices: encodeArray(model.indices),
      weights: encodeArray(model.weights),
    };
  }

  protected decodeModel(json: unknown, histories: StoredHistories): SparseNeighbours {
    return decodeNeighbours(json, KIND, histories.itemIds.length);
  }

  static fromJSON(json: unknown): ItemKnnRecommender {
    return restoreRecommender(json, KIND, 1, (options: ItemKnnOptions) => new ItemKnnRecommender(options));
  }
}

/** The neighbour lists item-kNN with `options` builds from time-ordered histories (see `itemSimilarity`). */
export function knnNeighbours(
  rows: SparseRows,
  options: ItemKnnOptions,
  signal?: AbortSignal,
): SparseNeighbours {
  return itemSimilarity(rows, {
    similarity: (options.similarity ?? 'cosine') === 'cosine' ? 'cosine' : 'covisitation',
    neighbours: options.neighbours ?? 100,
    shrink: options.shrink ?? 0,
    window: options.window ?? 5,
    maxGap: options.maxGap ?? Number.POSITIVE_INFINITY,
    pairHalfLife: options.pairHalfLife ?? 0,
    directed: options.directed ?? false,
    signal,
  });
}

/** Item-kNN scores of one history: the sum of each history item's (recency-weighted) neighbour similarities. */
export function neighbourScores(
  model: SparseNeighbours,
  query: UserQuery,
  decay: Pick<ItemKnnOptions, 'positionHalfLife' | 'timeHalfLife'>,
): Float64Array {
  const scores = new Float64Array(model.offsets.length - 1);
  const weights = historyWeights(query, decay);
  for (let h = 0; h < query.items.length; h++) {
    const item = query.items[h];
    const w = weights[h];
    for (let k = model.offsets[item]; k < model.offsets[item + 1]; k++) {
      scores[model.indices[k]] += w * model.weights[k];
    }
  }
  return scores;
}

/** Reads `SparseNeighbours` written by `encodeModel`. */
export function decodeNeighbours(json: unknown, kind: string, items: number): SparseNeighbours {
  const record = stateRecord(json, kind);
  const offsets = decodeArray(record.offsets, 'int32', kind, 'state.model.offsets', items + 1);
  const count = offsets[items];
  return {
    offsets,
    indices: decodeArray(record.indices, 'int32', kind, 'state.model.indices', count),
    weights: decodeArray(record.weights, 'float32', kind, 'state.model.weights', count),
  };
}
