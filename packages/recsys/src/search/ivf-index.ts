import {
  InvalidArgumentError,
  type LongRunningOptions,
  type ModelJson,
  parseModelJson,
  throwIfAborted,
} from '@shoppilot/core';
import { blockDots } from './exact-index';
import { assignToCentroids, trainCentroids } from './ivf-kmeans';
import {
  checkIvfOptions,
  type IvfOptions,
  type IvfState,
  parseIvfState,
  resolveIvfOptions,
} from './ivf-options';
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

export interface IvfSearchOptions extends VectorSearchOptions {
  /** Lists scanned for this search (1 … lists). Default: the index's `nprobe`. */
  nprobe?: number;
}

const KIND = 'recsys.ivf-index';
const BLOCK = 2048;

/**
 * Inverted-file index with exact vectors (IVF-Flat; Jégou, Douze & Schmid 2011, as Faiss's
 * IndexIVFFlat): k-means splits the items into `lists` cells, each cell's vectors are stored
 * contiguously, and a query scores the centroids by inner product, then scans the `nprobe` best
 * cells with the SIMD block kernel into a top-k heap. `nprobe = lists` is exact search.
 */
export class IvfIndex implements VectorIndex {
  readonly kind = 'ivf';
  readonly dimension: number;
  readonly size: number;
  readonly metric: VectorMetric;
  readonly lists: number;
  readonly nprobe: number;
  readonly #options: Required<IvfOptions>;
  readonly #centroids: Float32Array;
  readonly #assignment: Int32Array;
  /** Cell c holds positions offsets[c] … offsets[c + 1] − 1; `order[position]` is the item. */
  readonly #offsets: Int32Array;
  readonly #order: Int32Array;
  readonly #rows: Float32Array;
  readonly #centroidKernel: SimdDots | undefined;
  readonly #rowKernel: SimdDots | undefined;
  readonly #centroidScores: Float32Array;
  readonly #block: Float32Array;

  private constructor(
    vectors: Float32Array,
    options: Required<IvfOptions>,
    centroids: Float32Array,
    assignment: Int32Array,
  ) {
    const d = vectors.length / assignment.length;
    this.dimension = d;
    this.size = assignment.length;
    this.metric = options.metric;
    this.lists = options.lists;
    this.nprobe = options.nprobe;
    this.#options = options;
    this.#centroids = centroids;
    this.#assignment = assignment;
    this.#offsets = new Int32Array(this.lists + 1);
    for (const c of assignment) this.#offsets[c + 1]++;
    for (let c = 0; c < this.lists; c++) this.#offsets[c + 1] += this.#offsets[c];
    const fill = this.#offsets.slice(0, this.lists);
    this.#order = new Int32Array(this.size);
    this.#rows = new Float32Array(vectors.length);
    for (let i = 0; i < this.size; i++) {
      const position = fill[assignment[i]]++;
      this.#order[position] = i;
      this.#rows.set(vectors.subarray(i * d, (i + 1) * d), position * d);
    }
    const simd = options.simd;
    this.#centroidKernel = simd ? createSimdDots(centroids, d, this.lists) : undefined;
    this.#rowKernel = simd ? createSimdDots(this.#rows, d, BLOCK) : undefined;
    this.#centroidScores = this.#centroidKernel?.out ?? new Float32Array(this.lists);
    this.#block = this.#rowKernel?.out ?? new Float32Array(BLOCK);
  }

  /** Trains the centroids (seeded k-means), assigns every vector to its nearest one and lays the cells out. */
  static async build(
    vectors: Float32Array,
    dimension: number,
    options: IvfOptions = {},
    run: LongRunningOptions = {},
  ): Promise<IvfIndex> {
    checkVectors(vectors, dimension);
    const n = vectors.length / dimension;
    const resolved = resolveIvfOptions(options, n);
    const data = resolved.metric === 'cosine' ? normaliseRows(vectors.slice(), dimension) : vectors;
    const centroids = await trainCentroids(data, dimension, resolved, run);
    throwIfAborted(run.signal);
    const assignment = assignToCentroids(data, dimension, centroids, resolved.simd);
    run.onProgress?.({ stage: 'ivf-assign', completed: n, total: n });
    return new IvfIndex(data, resolved, centroids, assignment);
  }

  /** Whether scoring runs on the WebAssembly SIMD kernel. */
  get simd(): boolean {
    return this.#rowKernel !== undefined;
  }

  /** Number of items in each list (cell). */
  listSizes(): Int32Array {
    return Int32Array.from({ length: this.lists }, (_, c) => this.#offsets[c + 1] - this.#offsets[c]);
  }

  /**
   * The best `k` items among the `nprobe` cells nearest the query (fewer when those cells hold
   * fewer than `k` items that are not excluded). Throws `InvalidArgumentError` for a bad `k` (see
   * `checkK`) or `nprobe` and `DimensionMismatchError` for a query of the wrong length.
   */
  search(query: ArrayLike<number>, k: number, options: IvfSearchOptions = {}): TopK {
    checkK(k);
    const nprobe = options.nprobe ?? this.nprobe;
    if (!Number.isInteger(nprobe) || nprobe < 1 || nprobe > this.lists) {
      throw new InvalidArgumentError({
        argument: 'nprobe',
        message: `must be an integer in 1 … ${this.lists} (the number of lists)`,
        value: nprobe,
      });
    }
    const q = prepareQuery(query, this.dimension, this.metric);
    const cells = this.#probe(q, nprobe);
    const heap = new TopKHeap(Math.min(k, this.size));
    if (this.#rowKernel) this.#rowKernel.query.set(q);
    for (const cell of cells) {
      for (let start = this.#offsets[cell]; start < this.#offsets[cell + 1]; start += BLOCK) {
        const count = Math.min(BLOCK, this.#offsets[cell + 1] - start);
        this.#scan(q, start, count, heap, options.exclude);
      }
    }
    return heap.drain();
  }

  /** The `nprobe` cells whose centroids have the largest inner product with the query. */
  #probe(q: Float32Array, nprobe: number): Int32Array {
    const scores = this.#centroidScores;
    if (this.#centroidKernel) {
      this.#centroidKernel.query.set(q);
      this.#centroidKernel.dots(0, this.lists);
    } else blockDots(this.#centroids, q, this.dimension, 0, this.lists, scores);
    const heap = new TopKHeap(nprobe);
    for (let c = 0; c < this.lists; c++) if (scores[c] >= heap.threshold) heap.push(scores[c], c);
    return heap.drain().indices;
  }

  /** Scores positions [start, start + count) and offers those at or above the heap's bar. */
  #scan(
    q: Float32Array,
    start: number,
    count: number,
    heap: TopKHeap,
    exclude: VectorSearchOptions['exclude'],
  ): void {
    const out = this.#block;
    let kept = count;
    let ids: Int32Array | undefined;
    if (this.#rowKernel) {
      kept = this.#rowKernel.dotsAbove(start, count, heap.threshold);
      ids = this.#rowKernel.ids;
    } else blockDots(this.#rows, q, this.dimension, start, start + count, out);
    for (let r = 0; r < kept; r++) {
      const item = this.#order[start + (ids ? ids[r] : r)];
      if (isExcluded(exclude, item)) continue;
      heap.push(out[r], item);
    }
  }

  /** The options, centroids and each item's list; the vectors themselves are not included. */
  toJSON(): ModelJson<Required<IvfOptions>, IvfState> {
    return {
      kind: KIND,
      version: 1,
      options: { ...this.#options },
      state: {
        dimension: this.dimension,
        size: this.size,
        centroids: Array.from(this.#centroids),
        assignment: Array.from(this.#assignment),
      },
    };
  }

  /** Rebuilds an index from `toJSON()` output and the same vectors it was built on. */
  static fromJSON(json: unknown, vectors: Float32Array): IvfIndex {
    const parsed = parseModelJson<IvfOptions, IvfState>(json, { kind: KIND, version: 1 });
    const state = parseIvfState(parsed.state, KIND);
    checkVectors(vectors, state.dimension);
    const options = checkIvfOptions(parsed.options, state, vectors.length / state.dimension, KIND);
    const data = options.metric === 'cosine' ? normaliseRows(vectors.slice(), state.dimension) : vectors;
    return new IvfIndex(data, options, Float32Array.from(state.centroids), Int32Array.from(state.assignment));
  }
}
