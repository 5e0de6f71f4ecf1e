import type { Estimator, LongRunningOptions } from '@shoppilot/core';
import type { Interactions } from '../data/interactions';

/** What a recommender scores: a user's history (item indices, oldest first) and optionally the training user. */
export interface UserQuery {
  /** Index of a training user, for models with per-user parameters (MF); absent for new users and sessions. */
  user?: number;
  /** History item indices, oldest first. */
  items: ArrayLike<number>;
  /** Times of the history items (same unit as training). */
  times?: ArrayLike<number>;
  /** Weights (ratings) of the history items. */
  weights?: ArrayLike<number>;
  /** Reference time for recency weighting; default: the last history time. */
  now?: number;
}

/** One recommended item with its score and the reasons behind it. */
export interface ScoredItem {
  itemId: string;
  score: number;
  /** Readable evidence, e.g. `similar to "Star Wars (1977)" (weight 0.21)`. */
  reasons: string[];
}

/** A top-k list with the model that produced it and any warnings (e.g. unknown user → cold start). */
export interface Recommendation {
  userId?: string;
  items: ScoredItem[];
  model: string;
  warnings: string[];
}

export interface RecommendOptions {
  /** Length of the list. Default 10. */
  k?: number;
  /** Leave out items already in the history. Default true. */
  excludeSeen?: boolean;
  /** Item ids never to return (out of stock, already bought elsewhere …). Default none. */
  exclude?: readonly string[];
  /** Only rank these item ids. Default: the whole catalogue. */
  candidates?: readonly string[];
  /** History item ids (oldest first) used instead of the stored one: a new user or the current session. */
  history?: readonly string[];
  /** Add reasons to every item. Default true. */
  explain?: boolean;
}

/** The contract every recommender in this package follows (on top of the estimator contract). */
export interface Recommender<TOptions = unknown> extends Estimator<TOptions> {
  /** Item vocabulary of the training data (score vectors are indexed by it). */
  readonly itemIds: readonly string[];
  fit(train: Interactions, options?: LongRunningOptions): this | Promise<this>;
  /** One score per item (higher = better) for each query. */
  scoreItems(queries: readonly UserQuery[]): Float64Array[];
  /** Top-k for a training user id or an explicit query, with reasons. */
  recommend(user: string | UserQuery, options?: RecommendOptions): Recommendation;
}
