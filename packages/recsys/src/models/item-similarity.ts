import { throwIfAborted } from '@shoppilot/core';
import type { SparseRows } from '../data/histories';
import { TopKHeap } from '../search/top-k';

/** For each item, its strongest neighbours (sorted, strongest first). */
export interface SparseNeighbours {
  offsets: Int32Array;
  indices: Int32Array;
  weights: Float32Array;
}

export interface ItemSimilarityOptions {
  /** `cosine` over distinct user sets, or `covisitation` of events close in a user's sequence. */
  similarity: 'cosine' | 'covisitation';
  /** Neighbours kept per item. */
  neighbours: number;
  /** Added to the cosine denominator to damp rare pairs. */
  shrink: number;
  /** Co-visitation: at most this many positions apart. */
  window: number;
  /** Co-visitation: at most this far apart in time (timestamp unit). */
  maxGap: number;
  /** Co-visitation: a pair's weight halves every `pairHalfLife` of time between the two events (0 = no decay). */
  pairHalfLife: number;
  /** Co-visitation: count only pairs where the neighbour comes after the item. */
  directed: boolean;
  signal?: AbortSignal;
}

/**
 * Item-item similarities from user histories (time-ordered rows). Cosine: `c_ij / (√c_i √c_j + shrink)`
 * with c counting users; co-visitation: the same normalisation over time-decayed co-occurrence
 * weights of events at most `window` positions and `maxGap` time apart (Ludewig & Jannach 2018's
 * session kNN family; the decayed weights follow the Otto/RecSys-challenge co-visitation matrices).
 */
export function itemSimilarity(rows: SparseRows, options: ItemSimilarityOptions): SparseNeighbours {
  const n = rows.columns;
  const { occurrenceOffsets, occurrenceUser, occurrencePosition } = occurrencesByItem(rows);
  const counts = new Float64Array(n);
  for (let i = 0; i < n; i++) counts[i] = occurrenceOffsets[i + 1] - occurrenceOffsets[i];
  const accumulator = new Float64Array(n);
  const touched = new Int32Array(n);
  const lists: Array<{ indices: Int32Array; weights: Float32Array }> = [];
  const window = options.similarity === 'cosine' ? Number.POSITIVE_INFINITY : options.window;
  for (let i = 0; i < n; i++) {
    if ((i & 1023) === 0) throwIfAborted(options.signal);
    let touchedCount = 0;
    for (let o = occurrenceOffsets[i]; o < occurrenceOffsets[i + 1]; o++) {
      const user = occurrenceUser[o];
      const start = rows.offsets[user];
      const end = rows.offsets[user + 1];
      const p = start + occurrencePosition[o];
      const from = Math.max(start, options.directed ? p + 1 : p - window);
      const to = Math.min(end, p + window + 1);
      const t = rows.times[p];
      for (let q = from; q < to; q++) {
        const j = rows.indices[q];
        if (j === i) continue;
        const gap = Math.abs(rows.times[q] - t);
        if (gap > options.maxGap) continue;
        const weight = options.pairHalfLife > 0 ? 0.5 ** (gap / options.pairHalfLife) : 1;
        if (accumulator[j] === 0) touched[touchedCount++] = j;
        accumulator[j] += weight;
      }
    }
    lists.push(strongest(i, accumulator, touched, touchedCount, counts, options));
  }
  return pack(lists, n);
}

function strongest(
  i: number,
  accumulator: Float64Array,
  touched: Int32Array,
  count: number,
  counts: Float64Array,
  options: ItemSimilarityOptions,
): { indices: Int32Array; weights: Float32Array } {
  const heap = new TopKHeap(options.neighbours);
  const ci = Math.sqrt(counts[i]);
  for (let k = 0; k < count; k++) {
    const j = touched[k];
    heap.push(accumulator[j] / (ci * Math.sqrt(counts[j]) + options.shrink), j);
    accumulator[j] = 0;
  }
  const best = heap.drain();
  return { indices: best.indices, weights: Float32Array.from(best.scores) };
}

function pack(lists: Array<{ indices: Int32Array; weights: Float32Array }>, n: number): SparseNeighbours {
  const offsets = new Int32Array(n + 1);
  lists.forEach((list, i) => {
    offsets[i + 1] = offsets[i] + list.indices.length;
  });
  const indices = new Int32Array(offsets[n]);
  const weights = new Float32Array(offsets[n]);
  lists.forEach((list, i) => {
    indices.set(list.indices, offsets[i]);
    weights.set(list.weights, offsets[i]);
  });
  return { offsets, indices, weights };
}

/** For every item, the (user, position-in-user-row) of each of its occurrences. */
function occurrencesByItem(rows: SparseRows) {
  const n = rows.columns;
  const occurrenceOffsets = new Int32Array(n + 1);
  for (let k = 0; k < rows.indices.length; k++) occurrenceOffsets[rows.indices[k] + 1]++;
  for (let i = 0; i < n; i++) occurrenceOffsets[i + 1] += occurrenceOffsets[i];
  const next = occurrenceOffsets.slice(0, n);
  const occurrenceUser = new Int32Array(rows.indices.length);
  const occurrencePosition = new Int32Array(rows.indices.length);
  for (let u = 0; u < rows.rows; u++) {
    for (let k = rows.offsets[u]; k < rows.offsets[u + 1]; k++) {
      const slot = next[rows.indices[k]]++;
      occurrenceUser[slot] = u;
      occurrencePosition[slot] = k - rows.offsets[u];
    }
  }
  return { occurrenceOffsets, occurrenceUser, occurrencePosition };
}
