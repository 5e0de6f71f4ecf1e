import { DimensionMismatchError } from '@shoppilot/core';

function checkLengths(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  if (a.length !== b.length) throw new DimensionMismatchError({ what, expected: a.length, actual: b.length });
}

/**
 * Area under the ROC curve by the rank-sum (Mann-Whitney) formula, ties given average ranks.
 * NaN when only one class is present.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkLengths(labels, scores, 'labels and scores');
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean binary cross-entropy, probabilities clipped to [eps, 1 - eps] (eps 1e-15, as scikit-learn). */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>, eps = 1e-15): number {
  checkLengths(labels, probabilities, 'labels and probabilities');
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i]));
    total -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return total / labels.length;
}

/** 1-based rank of `target` in `ranking` (Infinity when absent). */
function rankOf(ranking: ArrayLike<number>, target: number, k: number): number {
  for (let r = 0; r < Math.min(k, ranking.length); r++) if (ranking[r] === target) return r + 1;
  return Number.POSITIVE_INFINITY;
}

/** Share of cases whose single relevant item is in the top k of its ranking. */
export function recallAtK(
  rankings: ReadonlyArray<ArrayLike<number>>,
  targets: ArrayLike<number>,
  k: number,
): number {
  checkLengths(rankings, targets, 'rankings and targets');
  let hits = 0;
  for (let i = 0; i < targets.length; i++) if (rankOf(rankings[i], targets[i], k) <= k) hits++;
  return targets.length ? hits / targets.length : Number.NaN;
}

/** NDCG@k with one relevant item per case: mean of 1 / log2(rank + 1) when rank <= k, else 0. */
export function ndcgAtK(
  rankings: ReadonlyArray<ArrayLike<number>>,
  targets: ArrayLike<number>,
  k: number,
): number {
  checkLengths(rankings, targets, 'rankings and targets');
  let total = 0;
  for (let i = 0; i < targets.length; i++) {
    const rank = rankOf(rankings[i], targets[i], k);
    if (rank <= k) total += 1 / Math.log2(rank + 1);
  }
  return targets.length ? total / targets.length : Number.NaN;
}

/** Indices of the k largest scores, best first (ties by lower index). */
export function topK(
  scores: ArrayLike<number>,
  k: number,
  exclude: ReadonlySet<number> = new Set(),
): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (exclude.has(i)) continue;
    let position = best.length;
    while (position > 0 && scores[best[position - 1]] < scores[i]) position--;
    if (position < k) {
      best.splice(position, 0, i);
      if (best.length > k) best.pop();
    }
  }
  return best;
}
