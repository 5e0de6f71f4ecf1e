import {
  createRng,
  InvalidArgumentError,
  type LongRunningOptions,
  type Rng,
  throwIfAborted,
} from '@shoppilot/core';
import { type Matrix, squaredDistance } from './matrix';

export interface KMeansOptions extends LongRunningOptions {
  /** Number of clusters. Default 8. */
  k?: number;
  /** Restarts from different k-means++ seedings; the lowest inertia wins. Default 1 (scikit-learn's `auto` for k-means++). */
  nInit?: number;
  /** Lloyd iterations per restart. Default 300. */
  maxIter?: number;
  /** Stop when the summed squared centre shift <= tol x mean column variance. Default 1e-4. */
  tol?: number;
  /** Seed of every random choice. Default 0. */
  seed?: number;
}

export interface KMeansResult {
  /** k x d centres. */
  centers: Matrix;
  labels: Int32Array;
  /** Sum of squared distances of points to their centre. */
  inertia: number;
  iterations: number;
}

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007), greedy variant as in scikit-learn: each new
 * centre is the best of 2 + ln(k) candidates drawn proportionally to D(x)^2.
 */
export function kmeansPlusPlus(x: Matrix, k: number, rng: Rng): Matrix {
  const { rows: n, cols: d, data } = x;
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  let first = rng.int(n);
  centers.set(data.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(data, i, data, first, d);
  const candidate = new Float64Array(n);
  const best = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestPotential = Number.POSITIVE_INFINITY;
    let bestIndex = 0;
    for (let t = 0; t < trials; t++) {
      const index = closest.some((v) => v > 0) ? rng.weightedIndex(closest) : rng.int(n);
      let potential = 0;
      for (let i = 0; i < n; i++) {
        candidate[i] = Math.min(closest[i], squaredDistance(data, i, data, index, d));
        potential += candidate[i];
      }
      if (potential < bestPotential) {
        bestPotential = potential;
        bestIndex = index;
        best.set(candidate);
      }
    }
    first = bestIndex;
    centers.set(data.subarray(first * d, first * d + d), c * d);
    closest.set(best);
  }
  return { rows: k, cols: d, data: centers };
}

/** Assigns each row to its nearest centre; returns the inertia. */
export function assignLabels(
  x: Matrix,
  centers: Matrix,
  labels: Int32Array,
  distances?: Float64Array,
): number {
  const { rows: n, cols: d, data } = x;
  const k = centers.rows;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let bestDistance = Number.POSITIVE_INFINITY;
    let bestLabel = 0;
    for (let c = 0; c < k; c++) {
      const distance = squaredDistance(data, i, centers.data, c, d);
      if (distance < bestDistance) {
        bestDistance = distance;
        bestLabel = c;
      }
    }
    labels[i] = bestLabel;
    if (distances) distances[i] = bestDistance;
    inertia += bestDistance;
  }
  return inertia;
}

/**
 * Means of the rows of each label; an empty cluster takes the point farthest from its centre.
 * Returns whether a cluster was empty (the caller then reassigns every row).
 */
function updateCenters(x: Matrix, labels: Int32Array, distances: Float64Array, centers: Matrix): boolean {
  const { rows: n, cols: d, data } = x;
  const k = centers.rows;
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    counts[c]++;
    for (let j = 0; j < d; j++) sums[c * d + j] += data[i * d + j];
  }
  let taken: Set<number> | undefined;
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) {
      taken ??= new Set();
      let far = -1;
      for (let i = 0; i < n; i++) if (!taken.has(i) && (far < 0 || distances[i] > distances[far])) far = i;
      taken.add(far);
      centers.data.set(data.subarray(far * d, far * d + d), c * d);
      continue;
    }
    for (let j = 0; j < d; j++) centers.data[c * d + j] = sums[c * d + j] / counts[c];
  }
  return taken !== undefined;
}

function meanVariance(x: Matrix): number {
  let total = 0;
  for (let j = 0; j < x.cols; j++) {
    let mean = 0;
    for (let i = 0; i < x.rows; i++) mean += x.data[i * x.cols + j];
    mean /= x.rows;
    let sq = 0;
    for (let i = 0; i < x.rows; i++) sq += (x.data[i * x.cols + j] - mean) ** 2;
    total += sq / x.rows;
  }
  return total / x.cols;
}

/** Half the distance from each centre to its nearest other centre. */
function halfNearestCenter(centers: Matrix, out: Float64Array): void {
  const k = centers.rows;
  out.fill(Number.POSITIVE_INFINITY);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const half = 0.5 * Math.sqrt(squaredDistance(centers.data, a, centers.data, b, centers.cols));
      if (half < out[a]) out[a] = half;
      if (half < out[b]) out[b] = half;
    }
  }
}

/** Nearest and second-nearest centre of row i: sets the label and Hamerly's bounds. */
function assignWithBounds(
  x: Matrix,
  i: number,
  centers: Matrix,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
): void {
  let first = Number.POSITIVE_INFINITY;
  let second = Number.POSITIVE_INFINITY;
  let label = 0;
  for (let c = 0; c < centers.rows; c++) {
    const distance = squaredDistance(x.data, i, centers.data, c, x.cols);
    if (distance < first) {
      second = first;
      first = distance;
      label = c;
    } else if (distance < second) second = distance;
  }
  labels[i] = label;
  upper[i] = Math.sqrt(first);
  lower[i] = Math.sqrt(second);
}

/**
 * Lloyd's algorithm from given centres (copied), accelerated with Hamerly's (2010) bounds: a
 * point whose upper bound to its centre is below both its lower bound to the others and half the
 * gap to the nearest other centre keeps its label without computing distances. Same result as
 * plain Lloyd.
 */
export function lloyd(x: Matrix, initial: Matrix, maxIter = 300, tol = 1e-4): KMeansResult {
  const { rows: n } = x;
  const k = initial.rows;
  const centers: Matrix = { rows: k, cols: initial.cols, data: initial.data.slice() };
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const half = new Float64Array(k);
  const moved = new Float64Array(k);
  const previous = new Float64Array(centers.data.length);
  const threshold = tol * meanVariance(x);
  for (let i = 0; i < n; i++) assignWithBounds(x, i, centers, labels, upper, lower);
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    previous.set(centers.data);
    const relocated = updateCenters(x, labels, upper, centers);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      const sq = squaredDistance(previous, c, centers.data, c, centers.cols);
      shift += sq;
      moved[c] = Math.sqrt(sq);
    }
    if (shift <= threshold && !relocated) break;
    if (relocated) {
      for (let i = 0; i < n; i++) assignWithBounds(x, i, centers, labels, upper, lower);
      continue;
    }
    moveBounds(labels, upper, lower, moved);
    halfNearestCenter(centers, half);
    for (let i = 0; i < n; i++) {
      const bound = Math.max(half[labels[i]], lower[i]);
      if (upper[i] <= bound) continue;
      upper[i] = Math.sqrt(squaredDistance(x.data, i, centers.data, labels[i], x.cols));
      if (upper[i] <= bound) continue;
      assignWithBounds(x, i, centers, labels, upper, lower);
    }
  }
  const inertia = assignLabels(x, centers, labels);
  return { centers, labels, inertia, iterations };
}

function moveBounds(labels: Int32Array, upper: Float64Array, lower: Float64Array, moved: Float64Array): void {
  let largest = 0;
  let runnerUp = 0;
  let largestIndex = -1;
  for (let c = 0; c < moved.length; c++) {
    if (moved[c] > largest) {
      runnerUp = largest;
      largest = moved[c];
      largestIndex = c;
    } else if (moved[c] > runnerUp) runnerUp = moved[c];
  }
  for (let i = 0; i < labels.length; i++) {
    upper[i] += moved[labels[i]];
    lower[i] -= labels[i] === largestIndex ? runnerUp : largest;
  }
}

export function checkK(k: number, n: number): void {
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new InvalidArgumentError({
      argument: 'k',
      message: `must be an integer in [1, ${n}] (rows)`,
      value: k,
    });
  }
}

/** k-means: `nInit` seeded k-means++ restarts of Lloyd's algorithm, best inertia kept. */
export function kmeans(x: Matrix, options: KMeansOptions = {}): KMeansResult {
  const k = options.k ?? 8;
  checkK(k, x.rows);
  const nInit = options.nInit ?? 1;
  const rng = createRng(options.seed ?? 0);
  let best: KMeansResult | undefined;
  for (let run = 0; run < nInit; run++) {
    throwIfAborted(options.signal);
    const result = lloyd(x, kmeansPlusPlus(x, k, rng), options.maxIter ?? 300, options.tol ?? 1e-4);
    options.onProgress?.({
      stage: 'kmeans-restart',
      completed: run + 1,
      total: nInit,
      metrics: { inertia: result.inertia },
    });
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best as KMeansResult;
}
