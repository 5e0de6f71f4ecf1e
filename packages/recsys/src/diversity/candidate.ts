/** An item on its way through re-ranking: its score, what it is, and why it is there. */
export interface Candidate {
  itemId: string;
  score: number;
  /** Category used by caps and diversity (e.g. the leaf of the category path). */
  category?: string;
  /** Item vector for similarity (L2-normalised preferred). */
  vector?: ArrayLike<number>;
  /** Whether the item can be sold now (false = out of stock). */
  inStock?: boolean;
  reasons: string[];
}

/** Cosine similarity of two candidates' vectors; falls back to 1 for the same category, else 0. */
export function candidateSimilarity(a: Candidate, b: Candidate): number {
  if (a.vector && b.vector && a.vector.length === b.vector.length) {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < a.vector.length; i++) {
      dot += a.vector[i] * b.vector[i];
      na += a.vector[i] * a.vector[i];
      nb += b.vector[i] * b.vector[i];
    }
    return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
  }
  return a.category !== undefined && a.category === b.category ? 1 : 0;
}

/** Scores rescaled to [0, 1] (min–max; all 1 when equal). */
export function unitScores(candidates: readonly Candidate[]): number[] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const c of candidates) {
    min = Math.min(min, c.score);
    max = Math.max(max, c.score);
  }
  return candidates.map((c) => (max > min ? (c.score - min) / (max - min) : 1));
}
