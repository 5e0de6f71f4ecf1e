import { type LongRunningOptions, throwIfAborted, yieldToEventLoop } from '@shoppilot/core';
import { itemHistories, rowIndices, rowTimes, userHistories } from '../data/histories';
import { assertSameVocabulary } from '../data/interactions';
import {
  catalogueCoverage,
  cooccurrenceCosine,
  intraListDiversity,
  novelty,
} from '../metrics/beyond-accuracy';
import { meanRankingMetrics, type RankingMetrics, userRankingMetrics } from '../metrics/ranking-metrics';
import type { Recommender, UserQuery } from '../models/recommender';
import { topK } from '../search/top-k';
import type { Protocol, Split } from '../split/protocol';

export interface EvaluateOptions extends LongRunningOptions {
  /** Cut-off. Default 10. */
  k?: number;
  /** Leave each user's training items out of the ranking. Default true. */
  excludeSeen?: boolean;
  /** Queries scored per batch. Default 64. */
  batchSize?: number;
  /** Item-item similarity for intra-list diversity. Default: cosine of training co-occurrence. */
  similarity?: (a: number, b: number) => number;
}

/** Accuracy and beyond-accuracy metrics of one model under one protocol. */
export interface EvaluationMetrics extends RankingMetrics {
  /** Distinct recommended items / items with training interactions. */
  coverage: number;
  /** Mean pairwise dissimilarity inside the lists. */
  diversity: number;
  /** Mean self-information of recommended items (bits). */
  novelty: number;
}

export interface EvaluationResult {
  protocol: Protocol;
  model: string;
  k: number;
  /** Users evaluated (users with at least one test item). */
  users: number;
  /** Items in the catalogue. */
  items: number;
  metrics: EvaluationMetrics;
  /** Wall time of scoring and ranking, in seconds. */
  seconds: number;
  /** The top-k lists (item indices), per evaluated user, in `userIndices` order. */
  lists: Int32Array[];
  userIndices: Int32Array;
}

/**
 * Ranks every item for every test user with a model fitted on `split.train` (full ranking, no
 * sampled negatives) and computes HR, recall, precision, MRR, NDCG and MAP at k (Microsoft
 * Recommenders' definitions), catalogue coverage, intra-list diversity and novelty.
 */
export async function evaluateRecommender(
  model: Recommender,
  split: Split,
  options: EvaluateOptions = {},
): Promise<EvaluationResult> {
  assertSameVocabulary(split.train, split.test);
  const k = options.k ?? 10;
  const train = userHistories(split.train);
  const test = userHistories(split.test);
  const users = testUsers(test);
  const started = performance.now();
  const lists: Int32Array[] = [];
  const perUser: RankingMetrics[] = [];
  const batchSize = options.batchSize ?? 64;
  for (let start = 0; start < users.length; start += batchSize) {
    throwIfAborted(options.signal);
    const batch = Array.from(users.subarray(start, start + batchSize));
    const queries: UserQuery[] = batch.map((user) => ({
      user,
      items: rowIndices(train, user),
      times: rowTimes(train, user),
    }));
    const scores = model.scoreItems(queries);
    batch.forEach((user, b) => {
      const exclude =
        options.excludeSeen === false ? undefined : seenMask(queries[b].items, scores[b].length);
      const list = topK(scores[b], k, exclude).indices;
      lists.push(list);
      perUser.push(userRankingMetrics(list, new Set(rowIndices(test, user)), k));
    });
    options.onProgress?.({
      stage: 'evaluate',
      completed: Math.min(users.length, start + batchSize),
      total: users.length,
    });
    await yieldToEventLoop();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    protocol: split.protocol,
    model: model.kind,
    k,
    users: users.length,
    items: split.train.itemIds.length,
    metrics: { ...meanRankingMetrics(perUser), ...beyondAccuracy(lists, split, options) },
    seconds,
    lists,
    userIndices: users,
  };
}

function testUsers(test: ReturnType<typeof userHistories>): Int32Array {
  const out: number[] = [];
  for (let u = 0; u < test.rows; u++) if (test.offsets[u + 1] > test.offsets[u]) out.push(u);
  return Int32Array.from(out);
}

function seenMask(items: ArrayLike<number>, n: number): Uint8Array {
  const mask = new Uint8Array(n);
  for (let i = 0; i < items.length; i++) mask[items[i]] = 1;
  return mask;
}

function beyondAccuracy(lists: Int32Array[], split: Split, options: EvaluateOptions) {
  const itemRows = itemHistories(split.train, { duplicates: 'first' });
  const itemUsers = new Float64Array(itemRows.rows);
  let trainItems = 0;
  for (let i = 0; i < itemRows.rows; i++) {
    itemUsers[i] = itemRows.offsets[i + 1] - itemRows.offsets[i];
    if (itemUsers[i] > 0) trainItems++;
  }
  let trainUsers = 0;
  const seen = new Uint8Array(split.train.userIds.length);
  for (let i = 0; i < split.train.users.length; i++) {
    if (!seen[split.train.users[i]]) trainUsers++;
    seen[split.train.users[i]] = 1;
  }
  return {
    coverage: catalogueCoverage(lists, trainItems),
    diversity: intraListDiversity(lists, options.similarity ?? cooccurrenceCosine(itemRows)),
    novelty: novelty(lists, itemUsers, Math.max(1, trainUsers)),
  };
}
