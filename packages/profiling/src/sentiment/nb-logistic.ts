import { createRng, type LongRunningOptions, throwIfAborted } from '@shoppilot/core';
import type { SparseRows } from './text-features';

export interface NbLogisticFitOptions extends LongRunningOptions {
  /** Laplace smoothing of the naive-Bayes counts. Default 1. */
  alpha?: number;
  /** Passes of Adagrad SGD over the data. Default 6. */
  epochs?: number;
  /** Adagrad learning rate. Default 0.2. */
  learningRate?: number;
  /** L2 penalty per update on the active weights. Default 1e-5. */
  l2?: number;
  /** Shuffling seed. Default 0. */
  seed?: number;
  /** Return the average of the weights over all updates (Polyak-Ruppert averaging). Default true. */
  average?: boolean;
  /**
   * Wang & Manning's interpolation w' = (1 - beta) mean|w| + beta w between naive Bayes (a constant
   * weight on every NB-scaled feature) and the discriminative weights; 1 = none. Default 1.
   */
  interpolation?: number;
}

export interface SparseLinearModel {
  /** Final weight per feature id (only non-zero ones): score = bias + sum of weights of present ids. */
  indices: Int32Array;
  weights: Float32Array;
  bias: number;
}

/**
 * Naive-Bayes log-count ratios r (Wang & Manning 2012): r = log((p / |p|_1) / (q / |q|_1)) with
 * p = alpha + positive-class counts of each binary feature, q likewise for the negative class, over
 * the vocabulary V of features seen in training; features never seen get r = 0 (they are dropped).
 */
export function logCountRatios(
  x: SparseRows,
  labels: ArrayLike<number>,
  size: number,
  alpha = 1,
): Float64Array {
  const p = new Float64Array(size);
  const q = new Float64Array(size);
  let pSum = 0;
  let qSum = 0;
  for (let r = 0; r < x.rows; r++) {
    const target = labels[r] === 1 ? p : q;
    const width = x.offsets[r + 1] - x.offsets[r];
    for (let k = x.offsets[r]; k < x.offsets[r + 1]; k++) target[x.indices[k]]++;
    if (labels[r] === 1) pSum += width;
    else qSum += width;
  }
  let seen = 0;
  for (let j = 0; j < size; j++) if (p[j] + q[j] > 0) seen++;
  pSum += alpha * seen;
  qSum += alpha * seen;
  const ratios = new Float64Array(size);
  for (let j = 0; j < size; j++)
    if (p[j] + q[j] > 0) ratios[j] = Math.log((p[j] + alpha) / pSum) - Math.log((q[j] + alpha) / qSum);
  return ratios;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * NB-LR ("NBSVM" with a logistic loss): logistic regression on the binary features scaled by
 * their NB log-count ratios, trained with seeded Adagrad SGD. Returns the folded sparse weights.
 */
export async function fitNbLogistic(
  x: SparseRows,
  labels: ArrayLike<number>,
  size: number,
  options: NbLogisticFitOptions = {},
): Promise<SparseLinearModel> {
  const ratios = logCountRatios(x, labels, size, options.alpha ?? 1);
  const w = new Float64Array(size);
  const u = new Float64Array(size);
  let c = 1;
  let biasU = 0;
  const g2 = new Float64Array(size).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const rate = options.learningRate ?? 0.2;
  const l2 = options.l2 ?? 1e-5;
  const epochs = options.epochs ?? 6;
  const rng = createRng(options.seed ?? 0);
  const order = Array.from({ length: x.rows }, (_, i) => i);
  const values = x.values;
  for (let epoch = 0; epoch < epochs; epoch++) {
    throwIfAborted(options.signal);
    rng.shuffle(order);
    let loss = 0;
    for (const r of order) {
      let z = bias;
      for (let k = x.offsets[r]; k < x.offsets[r + 1]; k++)
        z += w[x.indices[k]] * ratios[x.indices[k]] * (values ? values[k] : 1);
      const p = sigmoid(z);
      const y = labels[r] === 1 ? 1 : 0;
      loss -= y ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12));
      const g = p - y;
      for (let k = x.offsets[r]; k < x.offsets[r + 1]; k++) {
        const j = x.indices[k];
        const grad = g * ratios[j] * (values ? values[k] : 1) + l2 * w[j];
        g2[j] += grad * grad;
        const step = (rate * grad) / Math.sqrt(g2[j]);
        w[j] -= step;
        u[j] -= c * step;
      }
      biasG2 += g * g;
      const biasStep = (rate * g) / Math.sqrt(biasG2);
      bias -= biasStep;
      biasU -= c * biasStep;
      c++;
    }
    options.onProgress?.({
      stage: 'epoch',
      completed: epoch + 1,
      total: epochs,
      metrics: { loss: loss / x.rows },
    });
    await Promise.resolve();
  }
  if (options.average ?? true) {
    for (let j = 0; j < size; j++) w[j] -= u[j] / c;
    bias -= biasU / c;
  }
  interpolate(w, ratios, options.interpolation ?? 1);
  return fold(w, ratios, bias);
}

/**
 * In place: w <- (1 - beta) mean|w| + beta w over the features seen in training (non-zero ratio),
 * Wang & Manning (2012) eq. 3.
 */
export function interpolate(w: Float64Array, ratios: Float64Array, beta: number): void {
  if (beta === 1) return;
  let sum = 0;
  let seen = 0;
  for (let j = 0; j < w.length; j++) {
    if (ratios[j] === 0) continue;
    sum += Math.abs(w[j]);
    seen++;
  }
  const mean = seen ? sum / seen : 0;
  for (let j = 0; j < w.length; j++) if (ratios[j] !== 0) w[j] = (1 - beta) * mean + beta * w[j];
}

/** Folds the NB ratios into the weights: the score of a row is bias + sum of weight x value. */
export function fold(w: Float64Array, ratios: Float64Array, bias: number): SparseLinearModel {
  const indices: number[] = [];
  const weights: number[] = [];
  for (let j = 0; j < w.length; j++) {
    const v = w[j] * ratios[j];
    if (v !== 0) {
      indices.push(j);
      weights.push(v);
    }
  }
  return { indices: Int32Array.from(indices), weights: Float32Array.from(weights), bias };
}

/** A dense lookup table for scoring (weight per hashed id). */
export function denseWeights(model: SparseLinearModel, size: number): Float32Array {
  const dense = new Float32Array(size);
  for (let k = 0; k < model.indices.length; k++) dense[model.indices[k]] = model.weights[k];
  return dense;
}

/** P(positive) of each row: sigmoid(bias + sum of weight x value). */
export function scoreRows(x: SparseRows, dense: Float32Array, bias: number): Float64Array {
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let z = bias;
    for (let k = x.offsets[r]; k < x.offsets[r + 1]; k++)
      z += dense[x.indices[k]] * (x.values ? x.values[k] : 1);
    out[r] = sigmoid(z);
  }
  return out;
}
