import { type LongRunningOptions, throwIfAborted } from '@shoppilot/core';
import { checkK, kmeans } from './kmeans';
import { cholesky, logDetFromCholesky, solveLowerSquaredNorm } from './linalg';
import type { Matrix } from './matrix';

const LOG_2PI = Math.log(2 * Math.PI);

export interface GaussianMixtureOptions extends LongRunningOptions {
  /** Components. Default 3. */
  k?: number;
  /** `full` (a d x d covariance per component) or `diag`. Default `full`. */
  covariance?: 'full' | 'diag';
  /** EM iterations. Default 200. */
  maxIter?: number;
  /** Stop when the mean log-likelihood changes by less than this. Default 1e-3 (as scikit-learn). */
  tol?: number;
  /** Added to every covariance diagonal. Default 1e-6 (as scikit-learn). */
  regCovar?: number;
  /** Seed of the k-means initialisation. Default 0. */
  seed?: number;
}

export interface GaussianMixtureParameters {
  weights: Float64Array;
  /** k x d. */
  means: Float64Array;
  /** k x d x d for `full`, k x d for `diag`. */
  covariances: Float64Array;
  covariance: 'full' | 'diag';
  k: number;
  d: number;
}

export interface GaussianMixtureResult extends GaussianMixtureParameters {
  /** n x k posterior probabilities. */
  responsibilities: Float64Array;
  labels: Int32Array;
  /** Mean log-likelihood per row at the end. */
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/** M-step: weights, means and (regularised) covariances from responsibilities. */
export function maximise(
  x: Matrix,
  resp: Float64Array,
  k: number,
  covariance: 'full' | 'diag',
  reg: number,
): GaussianMixtureParameters {
  const { rows: n, cols: d, data } = x;
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(covariance === 'full' ? k * d * d : k * d);
  for (let c = 0; c < k; c++) {
    let nk = 1e-15;
    for (let i = 0; i < n; i++) nk += resp[i * k + c];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < d; j++) means[c * d + j] += (resp[i * k + c] * data[i * d + j]) / nk;
    weights[c] = nk / n;
    for (let i = 0; i < n; i++) {
      const r = resp[i * k + c] / nk;
      for (let a = 0; a < d; a++) {
        const da = data[i * d + a] - means[c * d + a];
        if (covariance === 'diag') covariances[c * d + a] += r * da * da;
        else
          for (let b = 0; b <= a; b++)
            covariances[c * d * d + a * d + b] += r * da * (data[i * d + b] - means[c * d + b]);
      }
    }
    for (let a = 0; a < d; a++) {
      if (covariance === 'diag') covariances[c * d + a] += reg;
      else {
        covariances[c * d * d + a * d + a] += reg;
        for (let b = 0; b < a; b++) covariances[c * d * d + b * d + a] = covariances[c * d * d + a * d + b];
      }
    }
  }
  return { weights, means, covariances, covariance, k, d };
}

/** Log of weight x density for each row and component (n x k). */
export function weightedLogDensities(x: Matrix, p: GaussianMixtureParameters): Float64Array {
  const { rows: n, cols: d, data } = x;
  const out = new Float64Array(n * p.k);
  const diff = new Float64Array(d);
  const work = new Float64Array(d);
  for (let c = 0; c < p.k; c++) {
    const l =
      p.covariance === 'full' ? cholesky(p.covariances.subarray(c * d * d, (c + 1) * d * d), d) : undefined;
    let logDet = 0;
    if (l) logDet = logDetFromCholesky(l, d);
    else for (let j = 0; j < d; j++) logDet += Math.log(p.covariances[c * d + j]);
    const constant = Math.log(p.weights[c]) - 0.5 * (d * LOG_2PI + logDet);
    for (let i = 0; i < n; i++) {
      let mahalanobis = 0;
      for (let j = 0; j < d; j++) diff[j] = data[i * d + j] - p.means[c * d + j];
      if (l) mahalanobis = solveLowerSquaredNorm(l, diff, d, work);
      else for (let j = 0; j < d; j++) mahalanobis += (diff[j] * diff[j]) / p.covariances[c * d + j];
      out[i * p.k + c] = constant - 0.5 * mahalanobis;
    }
  }
  return out;
}

/** E-step: normalises in place to responsibilities; returns the mean log-likelihood. */
export function expectation(logDensities: Float64Array, n: number, k: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) max = Math.max(max, logDensities[i * k + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(logDensities[i * k + c] - max);
    const logSum = max + Math.log(sum);
    total += logSum;
    for (let c = 0; c < k; c++) logDensities[i * k + c] = Math.exp(logDensities[i * k + c] - logSum);
  }
  return total / n;
}

/** Gaussian mixture by EM, initialised from seeded k-means labels (scikit-learn's default). */
export function gaussianMixture(x: Matrix, options: GaussianMixtureOptions = {}): GaussianMixtureResult {
  const k = options.k ?? 3;
  checkK(k, x.rows);
  const covariance = options.covariance ?? 'full';
  const reg = options.regCovar ?? 1e-6;
  const tol = options.tol ?? 1e-3;
  const maxIter = options.maxIter ?? 200;
  const init = kmeans(x, { k, nInit: 1, seed: options.seed ?? 0 });
  let resp: Float64Array = new Float64Array(x.rows * k);
  init.labels.forEach((label, i) => {
    resp[i * k + label] = 1;
  });
  let params = maximise(x, resp, k, covariance, reg);
  let logLikelihood = Number.NEGATIVE_INFINITY;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter && !converged) {
    throwIfAborted(options.signal);
    resp = weightedLogDensities(x, params);
    const next = expectation(resp, x.rows, k);
    params = maximise(x, resp, k, covariance, reg);
    iterations++;
    converged = Math.abs(next - logLikelihood) < tol;
    logLikelihood = next;
    options.onProgress?.({ stage: 'em', completed: iterations, total: maxIter, metrics: { logLikelihood } });
  }
  resp = weightedLogDensities(x, params);
  logLikelihood = expectation(resp, x.rows, k);
  return {
    ...params,
    responsibilities: resp,
    labels: argmaxRows(resp, x.rows, k),
    logLikelihood,
    iterations,
    converged,
  };
}

export function argmaxRows(values: Float64Array, n: number, k: number): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (values[i * k + c] > values[i * k + best]) best = c;
    labels[i] = best;
  }
  return labels;
}
