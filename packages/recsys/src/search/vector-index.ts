import { DimensionMismatchError, InvalidArgumentError } from '@shoppilot/core';
import type { TopK } from './top-k';

/** How vectors are compared: inner product, or cosine (vectors and queries L2-normalised first). */
export type VectorMetric = 'dot' | 'cosine';

export interface VectorSearchOptions {
  /** Indices never to return (a mask over the indexed vectors, or a predicate). */
  exclude?: Uint8Array | ((index: number) => boolean);
}

/** Whether `index` is excluded by a search's `exclude` option (mask or predicate; none: false). */
export function isExcluded(exclude: VectorSearchOptions['exclude'], index: number): boolean {
  if (!exclude) return false;
  return exclude instanceof Uint8Array ? exclude[index] !== 0 : exclude(index);
}

/**
 * Nearest-neighbour search over item vectors, exact or approximate behind one interface.
 * Results are the best `k` indices (into the vectors the index was built from) with their
 * similarity (dot product, or cosine), best first.
 */
export interface VectorIndex {
  readonly kind: 'exact' | 'hnsw' | 'ivf';
  readonly dimension: number;
  readonly size: number;
  readonly metric: VectorMetric;
  /** The best `k` (an integer >= 0) items; fewer when fewer are indexed and not excluded. */
  search(query: ArrayLike<number>, k: number, options?: VectorSearchOptions): TopK;
}

/**
 * Checks the `k` of a search: an integer >= 0 (0 gives an empty result), else
 * `InvalidArgumentError` naming `k`. Every index applies the same rule.
 */
export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 0)
    throw new InvalidArgumentError({ argument: 'k', message: 'must be an integer >= 0', value: k });
}

/** L2-normalises each row of a row-major matrix in place (zero rows stay zero). */
export function normaliseRows(vectors: Float32Array, dimension: number): Float32Array {
  for (let row = 0; row < vectors.length; row += dimension) {
    let norm = 0;
    for (let d = 0; d < dimension; d++) norm += vectors[row + d] * vectors[row + d];
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < dimension; d++) vectors[row + d] *= scale;
  }
  return vectors;
}

/** A query as Float32Array, normalised for the cosine metric. */
export function prepareQuery(
  query: ArrayLike<number>,
  dimension: number,
  metric: VectorMetric,
): Float32Array {
  const out = Float32Array.from(query);
  if (out.length !== dimension)
    throw new DimensionMismatchError({ what: 'query', expected: dimension, actual: out.length });
  return metric === 'cosine' ? normaliseRows(out, dimension) : out;
}

/** Throws unless `vectors` is a whole number of rows of `dimension` values. */
export function checkVectors(vectors: Float32Array, dimension: number): void {
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new InvalidArgumentError({
      argument: 'dimension',
      message: 'must be a positive integer',
      value: dimension,
    });
  }
  if (vectors.length % dimension !== 0) {
    throw new DimensionMismatchError({
      what: 'vectors (values per row)',
      expected: dimension,
      actual: vectors.length % dimension,
    });
  }
}
