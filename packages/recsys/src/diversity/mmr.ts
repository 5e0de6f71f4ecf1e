import { InvalidArgumentError } from '@shoppilot/core';
import { type Candidate, candidateSimilarity, unitScores } from './candidate';

export interface MmrOptions {
  /** List length. Default 10. */
  k?: number;
  /** Relevance weight λ in [0, 1]: 1 = pure relevance, 0 = pure novelty. Default 0.7. */
  lambda?: number;
  /** Similarity of two candidates. Default: cosine of vectors, else same category. */
  similarity?: (a: Candidate, b: Candidate) => number;
}

/**
 * Maximal Marginal Relevance (Carbonell & Goldstein 1998): greedily pick
 * `argmax λ·rel(i) − (1 − λ)·max_{j∈S} sim(i, j)`, relevance = score rescaled to [0, 1].
 */
export function mmrRerank(candidates: readonly Candidate[], options: MmrOptions = {}): Candidate[] {
  const lambda = options.lambda ?? 0.7;
  if (!(lambda >= 0 && lambda <= 1))
    throw new InvalidArgumentError({ argument: 'lambda', message: 'must be in [0, 1]', value: lambda });
  const similarity = options.similarity ?? candidateSimilarity;
  const relevance = unitScores(candidates);
  const k = Math.min(options.k ?? 10, candidates.length);
  const chosen: number[] = [];
  const maxSimilarity = new Float64Array(candidates.length);
  const used = new Uint8Array(candidates.length);
  while (chosen.length < k) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < candidates.length; i++) {
      if (used[i]) continue;
      const value = lambda * relevance[i] - (chosen.length ? (1 - lambda) * maxSimilarity[i] : 0);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    used[best] = 1;
    chosen.push(best);
    for (let i = 0; i < candidates.length; i++) {
      if (!used[i])
        maxSimilarity[i] = Math.max(maxSimilarity[i], similarity(candidates[i], candidates[best]));
    }
  }
  return chosen.map((i) => candidates[i]);
}
