import {
  createRng,
  InvalidArgumentError,
  type LongRunningOptions,
  throwIfAborted,
  yieldToEventLoop,
} from '@shoppilot/core';
import { HnswGraph } from './hnsw-graph';
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

export interface HnswOptions {
  /** `cosine` (vectors normalised) or `dot` (inner product, as hnswlib's `ip` space). Default `cosine`. */
  metric?: VectorMetric;
  /** Links per node on the upper layers (2M on layer 0). Default 16. */
  m?: number;
  /** Beam width while building. Default 200. */
  efConstruction?: number;
  /** Beam width of a search (at least k). Default 64. */
  efSearch?: number;
  /** Seed of the level draws. Default 0. */
  seed?: number;
  /** Score neighbours with the WebAssembly SIMD kernel when available (else scalar JS). Default true. */
  simd?: boolean;
}

export interface HnswSearchOptions extends VectorSearchOptions {
  /** Beam width for this search. Default: the index's `efSearch`. */
  ef?: number;
}

/**
 * Hierarchical Navigable Small World graph (Malkov & Yashunin 2018, IEEE TPAMI): approximate
 * nearest neighbours in roughly logarithmic time. Build with `HnswIndex.build`; measure recall
 * against `ExactIndex` (the bench does).
 */
export class HnswIndex implements VectorIndex {
  readonly kind = 'hnsw';
  readonly dimension: number;
  readonly size: number;
  readonly metric: VectorMetric;
  readonly efSearch: number;
  readonly #graph: HnswGraph;

  private constructor(graph: HnswGraph, metric: VectorMetric, efSearch: number) {
    this.#graph = graph;
    this.dimension = graph.dimension;
    this.size = graph.levels.length;
    this.metric = metric;
    this.efSearch = efSearch;
  }

  /** Builds the graph by inserting the vectors in order (yields to the event loop every 1,000 inserts). */
  static async build(
    vectors: Float32Array,
    dimension: number,
    options: HnswOptions = {},
    run: LongRunningOptions = {},
  ): Promise<HnswIndex> {
    checkVectors(vectors, dimension);
    const metric = options.metric ?? 'cosine';
    const m = options.m ?? 16;
    if (!Number.isInteger(m) || m < 2)
      throw new InvalidArgumentError({ argument: 'm', message: 'must be an integer >= 2', value: m });
    const data = metric === 'cosine' ? normaliseRows(vectors.slice(), dimension) : vectors;
    const graph = new HnswGraph(data, dimension, m, options.simd ?? true);
    const rng = createRng(options.seed ?? 0);
    const levelScale = 1 / Math.log(m);
    const efConstruction = options.efConstruction ?? 200;
    const n = data.length / dimension;
    for (let node = 0; node < n; node++) {
      const level = Math.min(30, Math.floor(-Math.log(1 - rng.next()) * levelScale));
      insert(graph, node, level, efConstruction);
      if (node % 1000 === 999) {
        throwIfAborted(run.signal);
        run.onProgress?.({ stage: 'hnsw-build', completed: node + 1, total: n });
        await yieldToEventLoop();
      }
    }
    return new HnswIndex(graph, metric, options.efSearch ?? 64);
  }

  /** Whether neighbour scoring runs on the WebAssembly SIMD kernel. */
  get simd(): boolean {
    return this.#graph.simd;
  }

  search(query: ArrayLike<number>, k: number, options: HnswSearchOptions = {}): TopK {
    checkK(k);
    const graph = this.#graph;
    const heap = new TopKHeap(Math.min(k, this.size));
    if (graph.entryPoint < 0 || k <= 0) return heap.drain();
    const q = prepareQuery(query, this.dimension, this.metric);
    let entry = graph.entryPoint;
    for (let level = graph.maxLevel; level > 0; level--) entry = graph.greedy(q, entry, level);
    const ef = Math.max(options.ef ?? this.efSearch, k);
    const found = graph.searchLayer(q, entry, ef, 0);
    const exclude = options.exclude;
    for (let r = 0; r < found.ids.length; r++) {
      const id = found.ids[r];
      if (isExcluded(exclude, id)) continue;
      heap.push(-found.distances[r], id);
    }
    return heap.drain();
  }
}

function insert(graph: HnswGraph, node: number, level: number, efConstruction: number): void {
  graph.levels[node] = level;
  if (level > 0) graph.upper[node] = new Int32Array(level * (graph.m + 1));
  if (graph.entryPoint < 0) {
    graph.entryPoint = node;
    graph.maxLevel = level;
    return;
  }
  const q = graph.vectors.subarray(node * graph.dimension, (node + 1) * graph.dimension);
  let entry = graph.entryPoint;
  for (let l = graph.maxLevel; l > level; l--) entry = graph.greedy(q, entry, l);
  for (let l = Math.min(level, graph.maxLevel); l >= 0; l--) {
    const found = graph.searchLayer(q, entry, efConstruction, l);
    const limit = l === 0 ? graph.m0 : graph.m;
    const selected = graph.selectNeighbours(found.ids, found.distances, graph.m);
    graph.setNeighbours(node, l, selected, selected.length);
    for (const neighbour of selected) connect(graph, neighbour, node, l, limit);
    entry = found.ids[0];
  }
  if (level > graph.maxLevel) {
    graph.maxLevel = level;
    graph.entryPoint = node;
  }
}

/** Adds the link neighbour → node, re-selecting the neighbour's links when it has too many. */
function connect(graph: HnswGraph, neighbour: number, node: number, level: number, limit: number): void {
  const count = graph.neighbourCount(neighbour, level);
  const ids = Array.from({ length: count }, (_, k) => graph.neighbour(neighbour, level, k));
  if (count < limit) {
    ids.push(node);
    graph.setNeighbours(neighbour, level, ids, ids.length);
    return;
  }
  ids.push(node);
  const withDistance = ids
    .map((id) => ({ id, distance: graph.distanceBetween(neighbour, id) }))
    .sort((a, b) => a.distance - b.distance);
  const kept = graph.selectNeighbours(
    withDistance.map((c) => c.id),
    withDistance.map((c) => c.distance),
    limit,
  );
  graph.setNeighbours(neighbour, level, kept, kept.length);
}
