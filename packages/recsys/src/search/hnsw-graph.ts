import { DistanceHeap } from './distance-heap';
import { createSimdDots, type SimdDots } from './simd-dots';

/**
 * The layered proximity graph of HNSW (Malkov & Yashunin 2018). Layer 0 holds up to `2M` links
 * per node in one flat Int32Array; upper layers hold up to `M` links in per-node blocks. Distance
 * is the negated inner product (vectors are normalised beforehand for cosine).
 */
export class HnswGraph {
  readonly dimension: number;
  readonly m: number;
  readonly m0: number;
  readonly vectors: Float32Array;
  readonly levels: Int8Array;
  readonly links0: Int32Array;
  readonly counts0: Uint16Array;
  /** upper[node]: for level l >= 1, block (l - 1) holds [count, link_1 … link_M]. */
  readonly upper: Array<Int32Array | undefined>;
  entryPoint = -1;
  maxLevel = -1;
  readonly #visited: Uint32Array;
  #generation = 0;
  /** Reused by every `searchLayer` call (they grow as needed): no allocation per step. */
  readonly #candidates = new DistanceHeap('min', 256);
  readonly #best = new DistanceHeap('max', 256);
  /** Optional WebAssembly SIMD kernel holding a padded copy of the vectors. */
  readonly #simd: SimdDots | undefined;
  /** Unvisited neighbours of the node being expanded and their inner products with the query. */
  readonly #batchIds: Int32Array;
  readonly #batchDots: Float32Array;

  constructor(vectors: Float32Array, dimension: number, m: number, simd = true) {
    const n = vectors.length / dimension;
    this.dimension = dimension;
    this.m = m;
    this.m0 = 2 * m;
    this.vectors = vectors;
    this.levels = new Int8Array(n).fill(-1);
    this.links0 = new Int32Array(n * this.m0);
    this.counts0 = new Uint16Array(n);
    this.upper = new Array(n);
    this.#visited = new Uint32Array(n);
    this.#simd = simd ? createSimdDots(vectors, dimension, this.m0) : undefined;
    this.#batchIds = this.#simd ? this.#simd.ids : new Int32Array(this.m0);
    this.#batchDots = this.#simd ? this.#simd.out : new Float32Array(this.m0);
  }

  /** Whether neighbour distances run on the WebAssembly SIMD kernel. */
  get simd(): boolean {
    return this.#simd !== undefined;
  }

  /** Negated inner product of the query and row `node` (4 accumulators). */
  distanceToQuery(q: Float32Array, node: number): number {
    return -rowDot(this.vectors, node * this.dimension, q, 0, this.dimension);
  }

  /** Negated inner product of rows `a` and `b`. */
  distanceBetween(a: number, b: number): number {
    const d = this.dimension;
    return -rowDot(this.vectors, b * d, this.vectors, a * d, d);
  }

  /** Number of links of `node` at `level` and a reader for them. */
  neighbourCount(node: number, level: number): number {
    return level === 0 ? this.counts0[node] : (this.upper[node] as Int32Array)[(level - 1) * (this.m + 1)];
  }

  neighbour(node: number, level: number, k: number): number {
    return level === 0
      ? this.links0[node * this.m0 + k]
      : (this.upper[node] as Int32Array)[(level - 1) * (this.m + 1) + 1 + k];
  }

  setNeighbours(node: number, level: number, ids: ArrayLike<number>, count: number): void {
    if (level === 0) {
      const base = node * this.m0;
      for (let k = 0; k < count; k++) this.links0[base + k] = ids[k];
      this.counts0[node] = count;
      return;
    }
    const block = this.upper[node] as Int32Array;
    const base = (level - 1) * (this.m + 1);
    block[base] = count;
    for (let k = 0; k < count; k++) block[base + 1 + k] = ids[k];
  }

  /** Greedy descent on one layer (ef = 1). */
  greedy(q: Float32Array, entry: number, level: number): number {
    let current = entry;
    let best = this.distanceToQuery(q, current);
    for (let changed = true; changed; ) {
      changed = false;
      const node = current;
      const count = this.neighbourCount(node, level);
      for (let k = 0; k < count; k++) {
        const next = this.neighbour(node, level, k);
        const distance = this.distanceToQuery(q, next);
        if (distance < best) {
          best = distance;
          current = next;
          changed = true;
        }
      }
    }
    return current;
  }

  /** Beam search of width `ef` on one layer; returns the best found, ascending by distance. */
  searchLayer(
    q: Float32Array,
    entry: number,
    ef: number,
    level: number,
  ): { distances: Float64Array; ids: Int32Array } {
    const generation = this.#nextGeneration();
    const visited = this.#visited;
    const candidates = this.#candidates;
    const best = this.#best;
    candidates.clear();
    best.clear();
    const links0 = this.links0;
    const m0 = this.m0;
    const batchIds = this.#batchIds;
    const batchDots = this.#batchDots;
    this.#simd?.query.set(q);
    const d0 = this.distanceToQuery(q, entry);
    visited[entry] = generation;
    candidates.push(d0, entry);
    best.push(d0, entry);
    let bound = d0;
    while (candidates.size > 0) {
      const distance = candidates.peekDistance();
      const node = candidates.peekId();
      if (distance > bound && best.size >= ef) break;
      candidates.pop();
      const count = level === 0 ? this.counts0[node] : this.neighbourCount(node, level);
      const base = node * m0;
      let batch = 0;
      for (let k = 0; k < count; k++) {
        const next = level === 0 ? links0[base + k] : this.neighbour(node, level, k);
        if (visited[next] === generation) continue;
        visited[next] = generation;
        batchIds[batch++] = next;
      }
      this.#scoreBatch(q, batch);
      for (let b = 0; b < batch; b++) {
        const dn = -batchDots[b];
        if (best.size < ef) best.push(dn, batchIds[b]);
        else if (dn < bound) best.replaceTop(dn, batchIds[b]);
        else continue;
        candidates.push(dn, batchIds[b]);
        bound = best.peekDistance();
      }
    }
    return best.drainAscending();
  }

  /**
   * The neighbour-selection heuristic (Algorithm 4): walk candidates from the closest, keep one
   * only if it is closer to the base than to every neighbour kept so far; at most `limit`.
   */
  selectNeighbours(ids: ArrayLike<number>, distances: ArrayLike<number>, limit: number): number[] {
    const kept: number[] = [];
    for (let c = 0; c < ids.length && kept.length < limit; c++) {
      const candidate = ids[c];
      let good = true;
      for (const other of kept) {
        if (this.distanceBetween(candidate, other) < distances[c]) {
          good = false;
          break;
        }
      }
      if (good) kept.push(candidate);
    }
    return kept;
  }

  /** `batchDots[b] = q · vectors[batchIds[b]]` for b < count. */
  #scoreBatch(q: Float32Array, count: number): void {
    if (this.#simd) {
      this.#simd.gather(count);
      return;
    }
    const d = this.dimension;
    for (let b = 0; b < count; b++) this.#batchDots[b] = rowDot(this.vectors, this.#batchIds[b] * d, q, 0, d);
  }

  #nextGeneration(): number {
    this.#generation = (this.#generation + 1) >>> 0;
    if (this.#generation === 0) {
      this.#visited.fill(0);
      this.#generation = 1;
    }
    return this.#generation;
  }
}

/** `a[aStart … aStart + length) · b[bStart … bStart + length)`, 4 accumulators. */
export function rowDot(
  a: Float32Array,
  aStart: number,
  b: Float32Array,
  bStart: number,
  length: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < length; k += 4) {
    s0 += a[aStart + k] * b[bStart + k];
    s1 += a[aStart + k + 1] * b[bStart + k + 1];
    s2 += a[aStart + k + 2] * b[bStart + k + 2];
    s3 += a[aStart + k + 3] * b[bStart + k + 3];
  }
  for (; k < length; k++) s0 += a[aStart + k] * b[bStart + k];
  return s0 + s1 + (s2 + s3);
}
