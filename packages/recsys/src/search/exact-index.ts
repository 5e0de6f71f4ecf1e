import { createSimdDots, type SimdDots } from './simd-dots';
import { type TopK, TopKHeap } from './top-k';
import {
  checkK,
  checkVectors,
  isExcluded,
  normaliseRows,
  prepareQuery,
  type VectorIndex,
  type VectorMetric,
  type VectorSearchOptions,
} from './vector-index';

export interface ExactIndexOptions {
  /** `dot` or `cosine`. Default `dot`. */
  metric?: VectorMetric;
  /** Vectors scored per block before the heap sees them. Default 2,048. */
  blockSize?: number;
  /** Score with the WebAssembly SIMD kernel when available (else the scalar JS loop). Default true. */
  simd?: boolean;
}

/**
 * Exact search: block-wise dot products over one contiguous row-major Float32Array (WebAssembly
 * SIMD f32x4 when available, else a 4-way unrolled JS loop), each block's scores filtered against
 * the heap's current threshold before any heap work.
 */
export class ExactIndex implements VectorIndex {
  readonly kind = 'exact';
  readonly dimension: number;
  readonly size: number;
  readonly metric: VectorMetric;
  readonly #vectors: Float32Array;
  readonly #block: Float32Array;
  readonly #simd: SimdDots | undefined;

  constructor(vectors: Float32Array, dimension: number, options: ExactIndexOptions = {}) {
    checkVectors(vectors, dimension);
    this.dimension = dimension;
    this.metric = options.metric ?? 'dot';
    this.size = vectors.length / dimension;
    this.#vectors = this.metric === 'cosine' ? normaliseRows(vectors.slice(), dimension) : vectors;
    const blockSize = options.blockSize ?? 2048;
    this.#simd = options.simd === false ? undefined : createSimdDots(this.#vectors, dimension, blockSize);
    this.#block = this.#simd ? this.#simd.out : new Float32Array(blockSize);
  }

  /** Whether scoring runs on the WebAssembly SIMD kernel. */
  get simd(): boolean {
    return this.#simd !== undefined;
  }

  search(query: ArrayLike<number>, k: number, options: VectorSearchOptions = {}): TopK {
    checkK(k);
    const q = prepareQuery(query, this.dimension, this.metric);
    const heap = new TopKHeap(Math.min(k, this.size));
    if (this.#simd) this.#searchSimd(this.#simd, q, heap, options.exclude);
    else this.#searchScalar(q, heap, options.exclude);
    return heap.drain();
  }

  /** The kernel scores a block and returns only the rows at or above the heap's threshold. */
  #searchSimd(
    simd: SimdDots,
    q: Float32Array,
    heap: TopKHeap,
    exclude: VectorSearchOptions['exclude'],
  ): void {
    simd.query.set(q);
    const { out, ids } = simd;
    const blockSize = out.length;
    for (let start = 0; start < this.size; start += blockSize) {
      const kept = simd.dotsAbove(start, Math.min(blockSize, this.size - start), heap.threshold);
      for (let r = 0; r < kept; r++) {
        const i = start + ids[r];
        if (isExcluded(exclude, i)) continue;
        heap.push(out[r], i);
      }
    }
  }

  #searchScalar(q: Float32Array, heap: TopKHeap, exclude: VectorSearchOptions['exclude']): void {
    const block = this.#block;
    for (let start = 0; start < this.size; start += block.length) {
      const end = Math.min(this.size, start + block.length);
      blockDots(this.#vectors, q, this.dimension, start, end, block);
      let threshold = heap.threshold;
      for (let i = start; i < end; i++) {
        const score = block[i - start];
        if (score < threshold) continue;
        if (isExcluded(exclude, i)) continue;
        if (heap.push(score, i)) threshold = heap.threshold;
      }
    }
  }

  /** The vector of item `index` (a view). */
  vector(index: number): Float32Array {
    return this.#vectors.subarray(index * this.dimension, (index + 1) * this.dimension);
  }
}

/** `out[i - start] = vectors[i] · q` for i in [start, end). */
export function blockDots(
  vectors: Float32Array,
  q: Float32Array,
  dimension: number,
  start: number,
  end: number,
  out: Float32Array,
): void {
  const unrolled = dimension - (dimension % 4);
  for (let i = start; i < end; i++) {
    const row = i * dimension;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let d = 0; d < unrolled; d += 4) {
      s0 += vectors[row + d] * q[d];
      s1 += vectors[row + d + 1] * q[d + 1];
      s2 += vectors[row + d + 2] * q[d + 2];
      s3 += vectors[row + d + 3] * q[d + 3];
    }
    for (let d = unrolled; d < dimension; d++) s0 += vectors[row + d] * q[d];
    out[i - start] = s0 + s1 + s2 + s3;
  }
}
