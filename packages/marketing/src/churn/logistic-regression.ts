import { DimensionMismatchError, InputValidationError, InvalidArgumentError } from '@shoppilot/core';

export interface LogisticFit {
  /** Coefficients on the standardised features. */
  weights: number[];
  intercept: number;
  /** Feature means and standard deviations used to standardise. */
  means: number[];
  scales: number[];
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** L2 penalty lambda in  -sum loglik + lambda/2 * ||w||^2 on standardised features (intercept free). Default 1. */
  l2?: number;
  /** Newton (IRLS) iterations at most. Default 100. */
  maxIterations?: number;
  /** Stop when the largest coefficient change is below this. Default 1e-10. */
  tolerance?: number;
}

/**
 * L2-regularised logistic regression by Newton's method (iteratively reweighted least squares,
 * with a step-halving line search) on standardised features; the penalised objective is strictly
 * convex, so the optimum is unique. Solves the (d+1)x(d+1) system by Cholesky each step: meant for
 * feature counts up to a few hundred.
 */
export function fitLogistic(
  features: readonly (readonly number[])[],
  labels: readonly number[],
  options: LogisticOptions = {},
): LogisticFit {
  const { d, means, scales } = checkAndStandardise(features, labels);
  const lambda = options.l2 ?? 1;
  if (!(lambda >= 0))
    throw new InvalidArgumentError({ argument: 'l2', message: 'must be >= 0', value: lambda });
  const z = features.map((row) => row.map((v, j) => (v - means[j]) / scales[j]));
  let beta = new Array<number>(d + 1).fill(0); // [intercept, w...]
  let objective = penalisedLoss(z, labels, beta, lambda);
  const maxIterations = options.maxIterations ?? 100;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const { gradient, hessian } = derivatives(z, labels, beta, lambda);
    const step = choleskySolve(hessian, gradient);
    let scale = 1;
    let candidate = beta.map((b, j) => b - step[j]);
    let candidateObjective = penalisedLoss(z, labels, candidate, lambda);
    while (candidateObjective > objective && scale > 1e-8) {
      scale /= 2;
      candidate = beta.map((b, j) => b - scale * step[j]);
      candidateObjective = penalisedLoss(z, labels, candidate, lambda);
    }
    const change = Math.max(...candidate.map((c, j) => Math.abs(c - beta[j])));
    beta = candidate;
    objective = candidateObjective;
    if (change < (options.tolerance ?? 1e-10)) {
      return {
        intercept: beta[0],
        weights: beta.slice(1),
        means,
        scales,
        iterations: iteration,
        converged: true,
      };
    }
  }
  return {
    intercept: beta[0],
    weights: beta.slice(1),
    means,
    scales,
    iterations: maxIterations,
    converged: false,
  };
}

/** P(y = 1 | x) for each row. */
export function predictLogistic(fit: LogisticFit, features: readonly (readonly number[])[]): number[] {
  return features.map((row, i) => {
    if (row.length !== fit.weights.length) {
      throw new DimensionMismatchError({
        what: `features of row ${i + 1}`,
        expected: fit.weights.length,
        actual: row.length,
      });
    }
    let eta = fit.intercept;
    for (let j = 0; j < row.length; j++) eta += (fit.weights[j] * (row[j] - fit.means[j])) / fit.scales[j];
    return 1 / (1 + Math.exp(-eta));
  });
}

function checkAndStandardise(features: readonly (readonly number[])[], labels: readonly number[]) {
  if (features.length === 0) throw new InputValidationError({ issues: [{ message: 'no rows to fit' }] });
  if (features.length !== labels.length) {
    throw new DimensionMismatchError({
      what: 'features and labels',
      expected: features.length,
      actual: labels.length,
    });
  }
  const d = features[0].length;
  const means = new Array<number>(d).fill(0);
  for (let i = 0; i < features.length; i++) {
    const row = features[i];
    if (row.length !== d)
      throw new DimensionMismatchError({ what: `features of row ${i + 1}`, expected: d, actual: row.length });
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new InputValidationError({
        issues: [{ row: i + 1, field: 'label', message: 'must be 0 or 1', received: String(labels[i]) }],
      });
    }
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(row[j])) {
        throw new InputValidationError({
          issues: [
            { row: i + 1, field: `feature ${j}`, message: 'must be finite', received: String(row[j]) },
          ],
        });
      }
      means[j] += row[j] / features.length;
    }
  }
  const scales = means.map((mean, j) => {
    let variance = 0;
    for (const row of features) variance += (row[j] - mean) ** 2 / features.length;
    return Math.sqrt(variance) || 1;
  });
  return { d, means, scales };
}

function penalisedLoss(z: number[][], y: readonly number[], beta: number[], lambda: number): number {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    let eta = beta[0];
    for (let j = 0; j < z[i].length; j++) eta += beta[j + 1] * z[i][j];
    // log(1 + e^eta) - y eta, stably
    loss += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - y[i] * eta;
  }
  for (let j = 1; j < beta.length; j++) loss += (lambda / 2) * beta[j] * beta[j];
  return loss;
}

function derivatives(z: number[][], y: readonly number[], beta: number[], lambda: number) {
  const k = beta.length;
  const gradient = new Array<number>(k).fill(0);
  const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const row = new Array<number>(k);
  for (let i = 0; i < z.length; i++) {
    row[0] = 1;
    for (let j = 1; j < k; j++) row[j] = z[i][j - 1];
    let eta = 0;
    for (let j = 0; j < k; j++) eta += beta[j] * row[j];
    const p = 1 / (1 + Math.exp(-eta));
    const w = p * (1 - p);
    for (let a = 0; a < k; a++) {
      gradient[a] += (p - y[i]) * row[a];
      for (let b = 0; b <= a; b++) hessian[a][b] += w * row[a] * row[b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) hessian[b][a] = hessian[a][b];
  for (let j = 1; j < k; j++) {
    gradient[j] += lambda * beta[j];
    hessian[j][j] += lambda;
  }
  hessian[0][0] += 1e-12;
  return { gradient, hessian };
}

/** Solves A x = b for symmetric positive definite A (Cholesky). */
export function choleskySolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) l[i][i] = Math.sqrt(Math.max(sum, 1e-300));
      else l[i][j] = sum / l[j][j];
    }
  }
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i][k] * y[k];
    y[i] = sum / l[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= l[k][i] * x[k];
    x[i] = sum / l[i][i];
  }
  return x;
}
