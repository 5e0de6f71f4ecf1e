import { createRng } from '@shoppilot/core';
import { type Matrix, squaredDistance } from './matrix';

function centroids(
  x: Matrix,
  labels: Int32Array,
  k: number,
): { centers: Float64Array; counts: Float64Array } {
  const d = x.cols;
  const centers = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < x.rows; i++) {
    counts[labels[i]]++;
    for (let j = 0; j < d; j++) centers[labels[i] * d + j] += x.data[i * d + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centers[c * d + j] /= counts[c] || 1;
  return { centers, counts };
}

function labelCount(labels: Int32Array): number {
  let max = -1;
  for (const label of labels) if (label > max) max = label;
  return max + 1;
}

/**
 * Mean silhouette (Rousseeuw 1987): s = (b - a) / max(a, b), Euclidean, 0 for singletons. Exact
 * (O(n^2)) up to `sampleSize` rows; above it, the mean over a seeded sample of rows (distances
 * still to all rows).
 */
export function silhouetteScore(
  x: Matrix,
  labels: Int32Array,
  options: { sampleSize?: number; seed?: number } = {},
): number {
  const k = labelCount(labels);
  const n = x.rows;
  const sampleSize = Math.min(n, options.sampleSize ?? 5000);
  const rng = createRng(options.seed ?? 0);
  const rows =
    sampleSize === n
      ? Array.from({ length: n }, (_, i) => i)
      : Array.from({ length: sampleSize }, () => rng.int(n));
  const counts = new Float64Array(k);
  for (const label of labels) counts[label]++;
  const sums = new Float64Array(k);
  let total = 0;
  for (const i of rows) {
    sums.fill(0);
    for (let j = 0; j < n; j++) sums[labels[j]] += Math.sqrt(squaredDistance(x.data, i, x.data, j, x.cols));
    const own = labels[i];
    if (counts[own] <= 1) continue;
    const a = sums[own] / (counts[own] - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
    total += (b - a) / Math.max(a, b);
  }
  return total / rows.length;
}

/** Calinski-Harabasz: [tr(B) / (k - 1)] / [tr(W) / (n - k)]. */
export function calinskiHarabaszScore(x: Matrix, labels: Int32Array): number {
  const k = labelCount(labels);
  const d = x.cols;
  const { centers, counts } = centroids(x, labels, k);
  const mean = new Float64Array(d);
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < d; j++) mean[j] += x.data[i * d + j] / x.rows;
  let between = 0;
  for (let c = 0; c < k; c++) between += counts[c] * squaredDistance(centers, c, mean, 0, d);
  let within = 0;
  for (let i = 0; i < x.rows; i++) within += squaredDistance(x.data, i, centers, labels[i], d);
  return within === 0 ? 1 : (between * (x.rows - k)) / (within * (k - 1));
}

/** Davies-Bouldin: mean over clusters of max_j (s_i + s_j) / d(c_i, c_j), s = mean distance to centre. */
export function daviesBouldinScore(x: Matrix, labels: Int32Array): number {
  const k = labelCount(labels);
  const d = x.cols;
  const { centers, counts } = centroids(x, labels, k);
  const spread = new Float64Array(k);
  for (let i = 0; i < x.rows; i++)
    spread[labels[i]] += Math.sqrt(squaredDistance(x.data, i, centers, labels[i], d));
  for (let c = 0; c < k; c++) spread[c] /= counts[c] || 1;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      const distance = Math.sqrt(squaredDistance(centers, a, centers, b, d));
      worst = Math.max(worst, distance === 0 ? Number.POSITIVE_INFINITY : (spread[a] + spread[b]) / distance);
    }
    total += worst;
  }
  return total / k;
}
