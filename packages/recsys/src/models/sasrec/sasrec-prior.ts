import * as tf from '@tensorflow/tfjs-core';
import { pickEntries, type SparseRows } from '../../data/histories';
import { type ItemKnnOptions, knnNeighbours, neighbourScores } from '../item-knn';
import type { SparseNeighbours } from '../item-similarity';

/**
 * The hybrid "SASRec + item-kNN prior" (residual logit fusion): an item's logit is
 * `gate · (h · e_item) + weight · log(1 + max(0, kNN score))`, where the kNN score is that of
 * the items the Transformer reads (the last `maxLength`). Both scalars are learned with the network
 * under the same full-softmax cross-entropy, so the Transformer learns the residual over the prior.
 */
export interface SasRecPriorOptions {
  /**
   * The item-kNN of the prior, fitted on the same training histories (the validation stage's
   * without the held-out items). Default co-visitation, window 3, 200 neighbours, recency
   * half-life 3 positions.
   */
  knn?: ItemKnnOptions;
  /**
   * Start of the Transformer's scale `gate` (0 = the start ranks exactly as the prior; `weight`
   * starts at its own best fit with the Transformer off). Default 0.1.
   */
  transformerStart?: number;
  /** Adam step of the two scalars (their own optimiser). Default 0.01. */
  scaleLearningRate?: number;
  /**
   * Cross-fitting of the prior on training positions: with `folds` > 1 the users are split by
   * index mod `folds` and a user's training positions read a kNN fitted without that user's fold,
   * so the prior never contains the very transition it is asked to predict (on sparse sessions a
   * pair seen once would otherwise be "predicted" perfectly in training and the weight learned too
   * large). Scoring always reads the kNN of every training user. Default 1 (no cross-fitting).
   */
  folds?: number;
}

export const DEFAULT_PRIOR_KNN: ItemKnnOptions = {
  similarity: 'covisitation',
  window: 3,
  neighbours: 200,
  positionHalfLife: 3,
};

/** The prior's fitted neighbours and its two learned scalars. */
export interface PriorHead {
  neighbours: SparseNeighbours;
  /** Per fold, the kNN fitted without that fold's users (empty without cross-fitting). */
  folds: SparseNeighbours[];
  knn: ItemKnnOptions;
  weight: tf.Variable;
  gate: tf.Variable;
}

/** Fits the kNN of the prior on `rows`; `weight` from `fitPriorWeight`, `gate` at `transformerStart`. */
export function createPriorHead(
  rows: SparseRows,
  options: SasRecPriorOptions,
  weight: (neighbours: SparseNeighbours, folds: SparseNeighbours[]) => number,
): PriorHead {
  const knn = { ...DEFAULT_PRIOR_KNN, ...options.knn };
  const neighbours = knnNeighbours(rows, knn);
  const count = Math.max(1, Math.floor(options.folds ?? 1));
  const folds =
    count > 1
      ? Array.from({ length: count }, (_, f) =>
          knnNeighbours(
            keepUsers(rows, (u) => u % count !== f),
            knn,
          ),
        )
      : [];
  return {
    neighbours,
    folds,
    knn,
    weight: tf.variable(tf.scalar(weight(neighbours, folds)), true, undefined, 'float32'),
    gate: tf.variable(tf.scalar(options.transformerStart ?? 0.1), true, undefined, 'float32'),
  };
}

/** The neighbour lists a training user's positions read (its cross-fitting fold, or the full kNN). */
export function trainingNeighbours(
  prior: Pick<PriorHead, 'neighbours' | 'folds'>,
  user: number,
): SparseNeighbours {
  return prior.folds.length > 1 ? prior.folds[user % prior.folds.length] : prior.neighbours;
}

/** `rows` with the histories of the users `keep` rejects emptied (same row count). */
function keepUsers(rows: SparseRows, keep: (user: number) => boolean): SparseRows {
  const taken: number[] = [];
  const offsets = new Int32Array(rows.rows + 1);
  for (let u = 0; u < rows.rows; u++) {
    if (keep(u)) for (let k = rows.offsets[u]; k < rows.offsets[u + 1]; k++) taken.push(k);
    offsets[u + 1] = taken.length;
  }
  return pickEntries(rows, taken, offsets);
}

/** `log(1 + max(0, kNN score))` of every item for one history, written into `out` at `offset`. */
export function priorRow(
  neighbours: SparseNeighbours,
  knn: ItemKnnOptions,
  items: ArrayLike<number>,
  out: Float32Array | Float64Array,
  offset = 0,
): void {
  const scores = neighbourScores(neighbours, { items }, knn);
  for (let i = 0; i < scores.length; i++) out[offset + i] = Math.log1p(Math.max(0, scores[i]));
}

/**
 * Prior rows `[real positions, items]` of a left-padded batch (`inputs [b, width]`, item index + 1,
 * 0 = padding), in the order of the real (non-padding) positions, row by row: the prefix of a row
 * up to each position is what the Transformer reads there. Row `b` reads `neighbours[b]`.
 */
export function batchPrior(
  neighbours: readonly SparseNeighbours[],
  knn: ItemKnnOptions,
  inputs: Int32Array,
  batch: number,
): Float32Array {
  const width = inputs.length / batch;
  const n = neighbours[0].offsets.length - 1;
  let real = 0;
  for (const v of inputs) if (v > 0) real++;
  const out = new Float32Array(real * n);
  let row = 0;
  for (let b = 0; b < batch; b++) {
    const items: number[] = [];
    for (let j = 0; j < width; j++) {
      const v = inputs[b * width + j];
      if (v === 0) continue;
      items.push(v - 1);
      priorRow(neighbours[b], knn, items, out, row * n);
      row++;
    }
  }
  return out;
}

/**
 * The weight `w` minimising the mean softmax cross-entropy of `w · prior` (rows `[m, n]`) for the
 * target items `labels` (0-based): a convex problem in one variable, solved by bisection on its
 * derivative `mean(E_softmax[prior] − prior[label])`. Clamped to [0, 1000].
 */
export function fitPriorWeight(prior: Float32Array, labels: ArrayLike<number>): number {
  const m = labels.length;
  if (m === 0) return 0;
  const n = prior.length / m;
  const slope = (w: number) => {
    let total = 0;
    for (let r = 0; r < m; r++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < n; i++) max = Math.max(max, w * prior[r * n + i]);
      let z = 0;
      let mean = 0;
      for (let i = 0; i < n; i++) {
        const e = Math.exp(w * prior[r * n + i] - max);
        z += e;
        mean += e * prior[r * n + i];
      }
      total += mean / z - prior[r * n + labels[r]];
    }
    return total / m;
  };
  if (slope(0) >= 0) return 0;
  let high = 1;
  while (slope(high) < 0 && high < 1000) high *= 2;
  if (high >= 1000) return 1000;
  let low = high === 1 ? 0 : high / 2;
  for (let step = 0; step < 40; step++) {
    const mid = (low + high) / 2;
    if (slope(mid) < 0) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
