/** Accuracy of one ranked list (or their mean over users). */
export interface RankingMetrics {
  /** Hit rate: 1 when at least one relevant item is in the top k. */
  hr: number;
  /** Relevant items in the top k / relevant items. */
  recall: number;
  /** Relevant items in the top k / k (Spark / Microsoft Recommenders: the denominator is k even for short lists). */
  precision: number;
  /** 1 / rank of the first relevant item in the top k (0 when none). */
  mrr: number;
  /** DCG / IDCG with binary relevance, gain 1/log(1 + rank), IDCG over min(k, relevant) items. */
  ndcg: number;
  /** Σ over hits of precision at the hit's rank, / min(relevant, k) (Microsoft Recommenders' map_at_k). */
  map: number;
}

export const METRIC_NAMES = ['hr', 'recall', 'precision', 'mrr', 'ndcg', 'map'] as const;

/**
 * Metrics of one user's ranked list against the user's relevant (test) items, with the
 * definitions of Microsoft Recommenders' python_evaluation (binary relevance: every test item
 * counts 1). `ranked` may be longer than k; only the first k count.
 */
export function userRankingMetrics(
  ranked: ArrayLike<number>,
  relevant: ReadonlySet<number>,
  k: number,
): RankingMetrics {
  const depth = Math.min(k, ranked.length);
  let hits = 0;
  let dcg = 0;
  let firstHit = 0;
  let precisionSum = 0;
  for (let r = 0; r < depth; r++) {
    if (!relevant.has(ranked[r])) continue;
    hits++;
    dcg += 1 / Math.log(2 + r);
    precisionSum += hits / (r + 1);
    if (firstHit === 0) firstHit = r + 1;
  }
  const size = relevant.size;
  let idcg = 0;
  for (let r = 0; r < Math.min(k, size); r++) idcg += 1 / Math.log(2 + r);
  return {
    hr: hits > 0 ? 1 : 0,
    recall: size > 0 ? hits / size : 0,
    precision: hits / k,
    mrr: firstHit > 0 ? 1 / firstHit : 0,
    ndcg: idcg > 0 ? dcg / idcg : 0,
    map: size > 0 ? precisionSum / Math.min(size, k) : 0,
  };
}

/** Mean of per-user metrics (0s for an empty list). */
export function meanRankingMetrics(perUser: readonly RankingMetrics[]): RankingMetrics {
  const out: RankingMetrics = { hr: 0, recall: 0, precision: 0, mrr: 0, ndcg: 0, map: 0 };
  if (perUser.length === 0) return out;
  for (const metrics of perUser) for (const name of METRIC_NAMES) out[name] += metrics[name];
  for (const name of METRIC_NAMES) out[name] /= perUser.length;
  return out;
}
