import { ndcgAtK, recallAtK, topK } from '../metrics/ranking-metrics';
import { type CategoryHistory, historyFrequencies } from './category-history';

/** Weights tried for the history prior (the last one ranks the history first, the softmax breaks ties). */
export const BLEND_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99];

/**
 * Top-k category ids of a row from `(1 - weight) * softmax + weight * history frequencies`
 * (padding id 0 never ranked).
 */
export function blendedRanking(
  softmax: Float32Array,
  history: CategoryHistory,
  row: number,
  weight: number,
  k: number,
): number[] {
  if (weight === 0) return topK(softmax, k, new Set([0]));
  const frequencies = historyFrequencies(history, row, softmax.length);
  const scores = new Float32Array(softmax.length);
  for (let c = 0; c < scores.length; c++) scores[c] = (1 - weight) * softmax[c] + weight * frequencies[c];
  return topK(scores, k, new Set([0]));
}

export interface BlendChoice {
  weight: number;
  /** Validation Recall@k and NDCG@k of every weight tried. */
  scores: Array<{ weight: number; recall: number; ndcg: number }>;
}

/**
 * Chooses the history weight on validation rows (buyers with a known next category): the best
 * Recall@k, ties broken by NDCG@k, then by the smaller weight.
 */
export function chooseBlendWeight(
  softmaxOf: (i: number) => Float32Array,
  history: CategoryHistory,
  rows: readonly number[],
  targets: readonly number[],
  k: number,
): BlendChoice {
  const scores = BLEND_WEIGHTS.map((weight) => {
    const rankings = rows.map((row, i) => blendedRanking(softmaxOf(i), history, row, weight, k));
    return { weight, recall: recallAtK(rankings, targets, k), ndcg: ndcgAtK(rankings, targets, k) };
  });
  let best = scores[0];
  for (const s of scores)
    if (
      s.recall > best.recall + 1e-12 ||
      (Math.abs(s.recall - best.recall) <= 1e-12 && s.ndcg > best.ndcg + 1e-12)
    )
      best = s;
  return { weight: rows.length ? best.weight : 0, scores };
}
