import { createRng, throwIfAborted } from '@shoppilot/core';
import { assignLabels, checkK, type KMeansOptions, type KMeansResult, kmeansPlusPlus } from './kmeans';
import { type Matrix, squaredDistance } from './matrix';

export interface MiniBatchKMeansOptions extends Omit<KMeansOptions, 'tol'> {
  /** Rows per mini-batch. Default 1024. */
  batchSize?: number;
  /** Mini-batch steps per restart. Default 100. */
  maxIter?: number;
}

function subsample(x: Matrix, size: number, rng: ReturnType<typeof createRng>): Matrix {
  if (size >= x.rows) return x;
  const data = new Float64Array(size * x.cols);
  for (let i = 0; i < size; i++) {
    const row = rng.int(x.rows);
    data.set(x.data.subarray(row * x.cols, (row + 1) * x.cols), i * x.cols);
  }
  return { rows: size, cols: x.cols, data };
}

/** Sculley's (2010) web-scale mini-batch k-means: per-centre learning rate 1 / count. */
function miniBatchRun(
  x: Matrix,
  k: number,
  options: MiniBatchKMeansOptions,
  rng: ReturnType<typeof createRng>,
): Matrix {
  const d = x.cols;
  const batchSize = Math.min(options.batchSize ?? 1024, x.rows);
  const centers = kmeansPlusPlus(subsample(x, Math.max(3 * batchSize, k), rng), k, rng);
  const counts = new Float64Array(k);
  const batch = new Int32Array(batchSize);
  const nearest = new Int32Array(batchSize);
  for (let step = 0; step < (options.maxIter ?? 100); step++) {
    for (let b = 0; b < batchSize; b++) batch[b] = rng.int(x.rows);
    for (let b = 0; b < batchSize; b++) {
      let best = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const distance = squaredDistance(x.data, batch[b], centers.data, c, d);
        if (distance < best) {
          best = distance;
          nearest[b] = c;
        }
      }
    }
    for (let b = 0; b < batchSize; b++) {
      const c = nearest[b];
      const rate = 1 / ++counts[c];
      for (let j = 0; j < d; j++) {
        centers.data[c * d + j] += rate * (x.data[batch[b] * d + j] - centers.data[c * d + j]);
      }
    }
  }
  return centers;
}

/** Mini-batch k-means for millions of rows; the best of `nInit` runs by full-data inertia. */
export function miniBatchKMeans(x: Matrix, options: MiniBatchKMeansOptions = {}): KMeansResult {
  const k = options.k ?? 8;
  checkK(k, x.rows);
  const rng = createRng(options.seed ?? 0);
  const nInit = options.nInit ?? 3;
  let best: KMeansResult | undefined;
  const labels = new Int32Array(x.rows);
  for (let run = 0; run < nInit; run++) {
    throwIfAborted(options.signal);
    const centers = miniBatchRun(x, k, options, rng);
    const inertia = assignLabels(x, centers, labels);
    options.onProgress?.({
      stage: 'minibatch-restart',
      completed: run + 1,
      total: nInit,
      metrics: { inertia },
    });
    if (!best || inertia < best.inertia) {
      best = { centers, labels: labels.slice(), inertia, iterations: options.maxIter ?? 100 };
    }
  }
  return best as KMeansResult;
}
