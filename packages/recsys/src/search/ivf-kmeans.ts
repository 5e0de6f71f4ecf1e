import {
  createRng,
  type LongRunningOptions,
  type Rng,
  throwIfAborted,
  yieldToEventLoop,
} from '@shoppilot/core';
import { blockDots } from './exact-index';
import { createSimdDots } from './simd-dots';

export interface IvfKmeansOptions {
  /** Number of centroids (inverted lists). */
  lists: number;
  /** Lloyd iterations. */
  iterations: number;
  /** Rows sampled (seeded, without replacement) to train on; all rows when >= n. */
  trainingSize: number;
  seed: number;
  simd: boolean;
}

/**
 * Nearest centroid by Euclidean distance, as `argmax_c x·c − |c|²/2`, for every row of `vectors`.
 * Scores one row against all centroids with the SIMD block kernel (or the scalar loop).
 */
export function assignToCentroids(
  vectors: Float32Array,
  dimension: number,
  centroids: Float32Array,
  simd: boolean,
): Int32Array {
  const lists = centroids.length / dimension;
  const n = vectors.length / dimension;
  const halfNorms = new Float64Array(lists);
  for (let c = 0; c < lists; c++) {
    let s = 0;
    for (let k = 0; k < dimension; k++) s += centroids[c * dimension + k] ** 2;
    halfNorms[c] = s / 2;
  }
  const kernel = simd ? createSimdDots(centroids, dimension, lists) : undefined;
  const scores = kernel ? kernel.out : new Float32Array(lists);
  const assignment = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = vectors.subarray(i * dimension, (i + 1) * dimension);
    if (kernel) {
      kernel.query.set(row);
      kernel.dots(0, lists);
    } else blockDots(centroids, row, dimension, 0, lists, scores);
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < lists; c++) {
      const score = scores[c] - halfNorms[c];
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    assignment[i] = best;
  }
  return assignment;
}

/**
 * Seeded Lloyd k-means (random distinct rows as the initial centroids, as Faiss does): trains on a
 * seeded sample of the rows; an emptied centroid is re-seeded with a random sample row.
 */
export async function trainCentroids(
  vectors: Float32Array,
  dimension: number,
  options: IvfKmeansOptions,
  run: LongRunningOptions = {},
): Promise<Float32Array> {
  const rng = createRng(options.seed);
  const n = vectors.length / dimension;
  const sample = sampleRows(vectors, dimension, Math.min(n, options.trainingSize), rng);
  const m = sample.length / dimension;
  const centroids = sampleRows(sample, dimension, options.lists, rng);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    throwIfAborted(run.signal);
    const assignment = assignToCentroids(sample, dimension, centroids, options.simd);
    updateCentroids(sample, dimension, assignment, centroids, rng, m);
    run.onProgress?.({ stage: 'ivf-kmeans', completed: iteration + 1, total: options.iterations });
    await yieldToEventLoop();
  }
  return centroids;
}

/** Centroids ← means of their rows; an empty centroid takes a random row. */
function updateCentroids(
  sample: Float32Array,
  dimension: number,
  assignment: Int32Array,
  centroids: Float32Array,
  rng: Rng,
  m: number,
): void {
  const lists = centroids.length / dimension;
  const sums = new Float64Array(centroids.length);
  const counts = new Int32Array(lists);
  for (let i = 0; i < m; i++) {
    const c = assignment[i];
    counts[c]++;
    for (let k = 0; k < dimension; k++) sums[c * dimension + k] += sample[i * dimension + k];
  }
  for (let c = 0; c < lists; c++) {
    const from = counts[c] > 0 ? -1 : rng.int(m);
    for (let k = 0; k < dimension; k++) {
      centroids[c * dimension + k] =
        from < 0 ? sums[c * dimension + k] / counts[c] : sample[from * dimension + k];
    }
  }
}

/** `count` distinct rows chosen by a seeded partial Fisher–Yates shuffle, in draw order. */
function sampleRows(vectors: Float32Array, dimension: number, count: number, rng: Rng): Float32Array {
  const n = vectors.length / dimension;
  if (count >= n) return vectors.slice();
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const out = new Float32Array(count * dimension);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(n - i);
    const row = order[j];
    order[j] = order[i];
    order[i] = row;
    out.set(vectors.subarray(row * dimension, (row + 1) * dimension), i * dimension);
  }
  return out;
}
