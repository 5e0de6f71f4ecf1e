import { encodeHistories, type SasRecNetwork } from './sasrec-network';
import { type PriorHead, priorRow } from './sasrec-prior';

/** A hybrid's prior at scoring time: its kNN and the current values of its two scalars. */
export interface ScoringPrior {
  head: Pick<PriorHead, 'neighbours' | 'knn'>;
  scalars: { weight: number; gate: number };
}

/**
 * Scores of every item for each history (item indices, oldest first): the network reads the last
 * `maxLength` items, each item's score is the dot product of the final state with its row of
 * `table` (`[items + 1, dim]`, row 0 padding), then the prior is added when there is one.
 */
export function historyScores(
  network: SasRecNetwork,
  table: Float32Array,
  histories: readonly ArrayLike<number>[],
  prior?: ScoringPrior,
): Float64Array[] {
  const L = network.shape.maxLength;
  const dim = network.shape.dim;
  const n = network.shape.vocabulary - 1;
  const padded = new Int32Array(histories.length * L);
  histories.forEach((items, q) => {
    const take = Math.min(L, items.length);
    for (let k = 0; k < take; k++) padded[q * L + L - take + k] = items[items.length - take + k] + 1;
  });
  const states = encodeHistories(network, padded, histories.length);
  return histories.map((items, q) => {
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += states[q * dim + d] * table[(i + 1) * dim + d];
      scores[i] = s;
    }
    if (prior) addPrior(scores, prior.head, prior.scalars, Array.from(items).slice(-L));
    return scores;
  });
}

/** Turns Transformer scores into hybrid ones in place: `gate · score + weight · prior(items)`. */
export function addPrior(
  scores: Float64Array,
  prior: Pick<PriorHead, 'neighbours' | 'knn'>,
  scalars: { weight: number; gate: number },
  items: ArrayLike<number>,
): void {
  const row = new Float64Array(scores.length);
  priorRow(prior.neighbours, prior.knn, items, row);
  for (let i = 0; i < scores.length; i++) scores[i] = scalars.gate * scores[i] + scalars.weight * row[i];
}
