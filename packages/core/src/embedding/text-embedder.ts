import { DimensionMismatchError } from '../errors/dimension-mismatch-error';

/** Options of one `embed` call. */
export interface EmbedOptions {
  /** Cancels the call; it rejects with the signal's reason (or an `AdapterError` for remote embedders). */
  signal?: AbortSignal;
}

/**
 * Turns texts into fixed-length vectors. Every implementation returns one `Float32Array` of
 * length `dimensions` per input text, in input order.
 */
export interface TextEmbedder {
  /** Length of every vector this embedder returns. */
  readonly dimensions: number;
  /**
   * Identifies the vector space, e.g. `hashing:char_wb:1-3:512:seed0` or
   * `openai-compatible:text-embedding-3-small:1536`. Vectors with different ids must not be compared.
   */
  readonly id: string;
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
}

/** Cosine similarity of two vectors; 0 when either has zero length. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new DimensionMismatchError({
      what: 'cosineSimilarity vectors',
      expected: a.length,
      actual: b.length,
    });
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  if (normA === 0 || normB === 0) return 0;
  return dot / Math.sqrt(normA * normB);
}
