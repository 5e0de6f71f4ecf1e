import { BaseEstimator, type LongRunningOptions, type ModelJson, parseModelJson } from '@shoppilot/core';
import { userHistories } from '../data/histories';
import { type Interactions, indexOf } from '../data/interactions';
import { decodeArray, decodeStrings, type EncodedArray, encodeArray, stateRecord } from '../io/binary';
import { topK } from '../search/top-k';
import type { Recommendation, Recommender, RecommendOptions, ScoredItem, UserQuery } from './recommender';

/** Training histories kept with every fitted recommender (to recommend by user id and explain). */
export interface StoredHistories {
  userIds: string[];
  itemIds: string[];
  offsets: Int32Array;
  items: Int32Array;
  times: Float64Array;
}

/** The state of a fitted recommender: the histories plus the model-specific part. */
export interface RecommenderState<TModel> {
  histories: StoredHistories;
  model: TModel;
}

/**
 * Base class of the recommenders: stores the training histories, implements `recommend` (top-k
 * with exclusions, candidates and reasons) and the JSON envelope. Subclasses implement `fit`
 * (calling `fitted(train, model)`), `scoreQuery`, `encodeModel`/`decodeModel`, and may add
 * `explainItem`.
 */
export abstract class BaseRecommender<TOptions, TModel>
  extends BaseEstimator<TOptions, RecommenderState<TModel>>
  implements Recommender<TOptions>
{
  #itemIndex: Map<string, number> | undefined;
  #userIndex: Map<string, number> | undefined;

  abstract fit(train: Interactions, options?: LongRunningOptions): this | Promise<this>;

  /** Scores every item for one query. */
  protected abstract scoreQuery(model: TModel, query: UserQuery): Float64Array;

  /** Model part of the state as JSON-ready values. */
  protected abstract encodeModel(model: TModel): unknown;

  /** Model part of the state from JSON (validate and throw `InvalidModelJsonError`). */
  protected abstract decodeModel(json: unknown, histories: StoredHistories): TModel;

  /** Reasons for recommending `item` to `query` (default: none beyond the score). */
  protected explainItem(_model: TModel, _query: UserQuery, _item: number): string[] {
    return [];
  }

  get itemIds(): readonly string[] {
    return this.requireState('itemIds').histories.itemIds;
  }

  /** The stored training histories. */
  get histories(): StoredHistories {
    return this.requireState('histories').histories;
  }

  /** The model-specific learned state (read-only use). */
  protected get model(): TModel {
    return this.requireState('model').model;
  }

  scoreItems(queries: readonly UserQuery[]): Float64Array[] {
    const { model } = this.requireState('scoreItems');
    return queries.map((query) => this.scoreQuery(model, query));
  }

  /** The training history of a user as a query (empty for an unknown user). */
  queryFor(userId: string): UserQuery {
    const { histories } = this.requireState('queryFor');
    const user = this.#users(histories).get(userId);
    if (user === undefined) return { items: [] };
    const from = histories.offsets[user];
    const to = histories.offsets[user + 1];
    return { user, items: histories.items.subarray(from, to), times: histories.times.subarray(from, to) };
  }

  recommend(user: string | UserQuery, options: RecommendOptions = {}): Recommendation {
    const { model, histories } = this.requireState('recommend');
    const warnings: string[] = [];
    const query = this.#resolveQuery(user, options, histories, warnings);
    const scores = this.scoreQuery(model, query);
    const excluded = this.#exclusions(query, options, histories, warnings);
    const best = topK(scores, options.k ?? 10, excluded);
    const items: ScoredItem[] = Array.from(best.indices, (index, rank) => ({
      itemId: histories.itemIds[index],
      score: best.scores[rank],
      reasons: options.explain === false ? [] : this.explainItem(model, query, index),
    }));
    return { userId: typeof user === 'string' ? user : undefined, items, model: this.kind, warnings };
  }

  #resolveQuery(
    user: string | UserQuery,
    options: RecommendOptions,
    histories: StoredHistories,
    warnings: string[],
  ): UserQuery {
    if (options.history) {
      const items = this.#known(options.history, histories, warnings, 'history');
      const known = typeof user === 'string' ? this.#users(histories).get(user) : user.user;
      return { user: known, items };
    }
    if (typeof user !== 'string') return user;
    const query = this.queryFor(user);
    if (query.user === undefined)
      warnings.push(`unknown user "${user}": no history, scores come from the model's prior`);
    return query;
  }

  #exclusions(
    query: UserQuery,
    options: RecommendOptions,
    histories: StoredHistories,
    warnings: string[],
  ): Uint8Array {
    const n = histories.itemIds.length;
    const excluded = new Uint8Array(n);
    if (options.excludeSeen ?? true)
      for (let i = 0; i < query.items.length; i++) excluded[query.items[i]] = 1;
    for (const index of this.#known(options.exclude ?? [], histories, warnings, 'exclude'))
      excluded[index] = 1;
    if (options.candidates) {
      const allowed = new Uint8Array(n);
      for (const index of this.#known(options.candidates, histories, warnings, 'candidates'))
        allowed[index] = 1;
      for (let i = 0; i < n; i++) if (!allowed[i]) excluded[i] = 1;
    }
    return excluded;
  }

  #known(ids: readonly string[], histories: StoredHistories, warnings: string[], field: string): number[] {
    const index = this.#items(histories);
    const out: number[] = [];
    const unknown: string[] = [];
    for (const id of ids) {
      const i = index.get(id);
      if (i === undefined) unknown.push(id);
      else out.push(i);
    }
    if (unknown.length)
      warnings.push(
        `${field}: ${unknown.length} unknown item id(s) ignored (${unknown.slice(0, 3).join(', ')})`,
      );
    return out;
  }

  #items(histories: StoredHistories): Map<string, number> {
    this.#itemIndex ??= indexOf(histories.itemIds);
    return this.#itemIndex;
  }

  #users(histories: StoredHistories): Map<string, number> {
    this.#userIndex ??= indexOf(histories.userIds);
    return this.#userIndex;
  }

  /** Stores the training histories with the learned model (call at the end of `fit`). */
  protected fitted(train: Interactions, model: TModel): this {
    const rows = userHistories(train);
    this.#itemIndex = undefined;
    this.#userIndex = undefined;
    return this.setState({
      histories: {
        userIds: [...train.userIds],
        itemIds: [...train.itemIds],
        offsets: rows.offsets,
        items: rows.indices,
        times: rows.times,
      },
      model,
    });
  }

  override toJSON(): ModelJson<TOptions, RecommenderState<TModel>> {
    const json = super.toJSON();
    if (json.state === null) return json;
    const { histories, model } = json.state;
    const encoded = {
      histories: {
        userIds: histories.userIds,
        itemIds: histories.itemIds,
        offsets: encodeArray(histories.offsets),
        items: encodeArray(histories.items),
        times: encodeArray(histories.times),
      },
      model: this.encodeModel(model),
    };
    return { ...json, state: encoded as unknown as RecommenderState<TModel> };
  }

  /** @internal Restores a state produced by `toJSON` (used by the static `fromJSON`s). */
  loadState(json: unknown): this {
    const record = stateRecord(json, this.kind);
    const h = stateRecord(record.histories, this.kind);
    const userIds = decodeStrings(h.userIds, this.kind, 'state.histories.userIds');
    const itemIds = decodeStrings(h.itemIds, this.kind, 'state.histories.itemIds');
    const offsets = decodeArray(
      h.offsets as EncodedArray,
      'int32',
      this.kind,
      'state.histories.offsets',
      userIds.length + 1,
    );
    const count = offsets[userIds.length];
    const histories: StoredHistories = {
      userIds,
      itemIds,
      offsets,
      items: decodeArray(h.items, 'int32', this.kind, 'state.histories.items', count),
      times: decodeArray(h.times, 'float64', this.kind, 'state.histories.times', count),
    };
    this.#itemIndex = undefined;
    this.#userIndex = undefined;
    return this.setState({ histories, model: this.decodeModel(record.model, histories) });
  }
}

/** `fromJSON` for any recommender: validates the envelope, builds it, restores the state. */
export function restoreRecommender<R extends BaseRecommender<TOptions, unknown>, TOptions>(
  json: unknown,
  kind: string,
  version: number,
  create: (options: TOptions) => R,
): R {
  const parsed = parseModelJson<TOptions, unknown>(json, { kind, version });
  const recommender = create(parsed.options);
  if (parsed.state !== null) recommender.loadState(parsed.state);
  return recommender;
}
