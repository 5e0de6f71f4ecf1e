import { InvalidArgumentError } from '@shoppilot/core';
import { type Candidate, candidateSimilarity, unitScores } from './candidate';

export interface DppOptions {
  /** List length. Default 10. */
  k?: number;
  /**
   * Relevance–diversity trade-off θ in [0, 1): the kernel uses quality `exp(α·rel)` with
   * `α = θ / (2(1 − θ))` (Chen et al. 2018). 0 = diversity only; near 1 = relevance only. Default 0.7.
   */
  theta?: number;
  similarity?: (a: Candidate, b: Candidate) => number;
}

/**
 * Determinantal point process re-ranking by greedy MAP inference with incremental Cholesky
 * updates (Chen, Zhang & Zhou 2018, "Fast Greedy MAP Inference for DPP", Algorithm 1), kernel
 * `L_ij = q_i · S_ij · q_j` with S = candidate similarity (made PSD-safe by a small ridge).
 */
export function dppRerank(candidates: readonly Candidate[], options: DppOptions = {}): Candidate[] {
  const theta = options.theta ?? 0.7;
  if (!(theta >= 0 && theta < 1))
    throw new InvalidArgumentError({ argument: 'theta', message: 'must be in [0, 1)', value: theta });
  const n = candidates.length;
  const k = Math.min(options.k ?? 10, n);
  const similarity = options.similarity ?? candidateSimilarity;
  const alpha = theta / (2 * (1 - theta));
  const quality = unitScores(candidates).map((r) => Math.exp(alpha * r));
  const kernel = (i: number, j: number) =>
    quality[i] * (i === j ? 1 + 1e-6 : similarity(candidates[i], candidates[j])) * quality[j];
  const gains = Float64Array.from({ length: n }, (_, i) => kernel(i, i));
  const rows: Float64Array[] = Array.from({ length: n }, () => new Float64Array(k));
  const chosen: number[] = [];
  const used = new Uint8Array(n);
  while (chosen.length < k) {
    let best = -1;
    for (let i = 0; i < n; i++) if (!used[i] && (best < 0 || gains[i] > gains[best])) best = i;
    if (best < 0 || gains[best] <= 1e-12) break;
    const step = chosen.length;
    const root = Math.sqrt(gains[best]);
    used[best] = 1;
    chosen.push(best);
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      let dot = 0;
      for (let s = 0; s < step; s++) dot += rows[best][s] * rows[i][s];
      const e = (kernel(best, i) - dot) / root;
      rows[i][step] = e;
      gains[i] -= e * e;
    }
  }
  // Fill with the most relevant remaining items when the kernel's rank runs out (e.g. all one category).
  const rest = candidates
    .map((_, i) => i)
    .filter((i) => !used[i])
    .sort((a, b) => candidates[b].score - candidates[a].score);
  return [...chosen, ...rest].slice(0, k).map((i) => candidates[i]);
}
