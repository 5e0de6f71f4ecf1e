import {
  BaseEstimator,
  DimensionMismatchError,
  InputValidationError,
  InvalidModelJsonError,
  parseModelJson,
} from '@shoppilot/core';
import { cholesky } from '../segment/linalg';
import { type MatrixInput, toMatrix } from '../segment/matrix';

export interface LogisticRegressionOptions {
  /** Inverse L2 strength as in scikit-learn: penalty = ||w||^2 / (2C); the intercept is not penalised. Default 1. */
  C?: number;
  /** Newton iterations. Default 100. */
  maxIter?: number;
  /** Stop when the largest weight change is below this. Default 1e-10. */
  tol?: number;
  /** Weight of positive rows (class weighting for a rare positive). Default 1. */
  positiveWeight?: number;
}

export interface LogisticRegressionState {
  weights: number[];
  intercept: number;
  iterations: number;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Solves A x = b for symmetric positive-definite A (d x d, row-major) by Cholesky. */
function solveSpd(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = cholesky(a, d);
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * d + k] * y[k];
    y[i] = sum / l[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < d; k++) sum -= l[k * d + i] * x[k];
    x[i] = sum / l[i * d + i];
  }
  return x;
}

/**
 * L2-regularised logistic regression fitted exactly by Newton's method (IRLS) on the penalised
 * log-likelihood (scikit-learn's objective: C x sum of losses + ||w||^2 / 2). For the small
 * feature sets of baselines (up to a few hundred columns).
 */
export function fitLogistic(
  input: MatrixInput,
  labels: ArrayLike<number>,
  options: LogisticRegressionOptions = {},
): LogisticRegressionState {
  const x = toMatrix(input);
  if (labels.length !== x.rows)
    throw new DimensionMismatchError({ what: 'rows and labels', expected: x.rows, actual: labels.length });
  const C = options.C ?? 1;
  const d = x.cols + 1;
  const beta = new Float64Array(d);
  const positiveWeight = options.positiveWeight ?? 1;
  let iterations = 0;
  for (; iterations < (options.maxIter ?? 100); iterations++) {
    const gradient = new Float64Array(d);
    const hessian = new Float64Array(d * d);
    for (let j = 0; j < x.cols; j++) {
      gradient[j] = beta[j] / C;
      hessian[j * d + j] = 1 / C;
    }
    for (let i = 0; i < x.rows; i++) {
      const y = labels[i];
      if (y !== 0 && y !== 1)
        throw new InputValidationError({
          issues: [{ row: i + 1, field: 'label', message: 'expected 0 or 1', received: String(y) }],
        });
      const row = x.data.subarray(i * x.cols, (i + 1) * x.cols);
      let z = beta[d - 1];
      for (let j = 0; j < x.cols; j++) z += beta[j] * row[j];
      const p = sigmoid(z);
      const w = y === 1 ? positiveWeight : 1;
      const g = w * (p - y);
      const h = w * Math.max(p * (1 - p), 1e-12);
      for (let a = 0; a < d; a++) {
        const xa = a < x.cols ? row[a] : 1;
        gradient[a] += g * xa;
        for (let b = 0; b <= a; b++) hessian[a * d + b] += h * xa * (b < x.cols ? row[b] : 1);
      }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) hessian[b * d + a] = hessian[a * d + b];
    const step = solveSpd(hessian, gradient, d);
    let largest = 0;
    for (let j = 0; j < d; j++) {
      beta[j] -= step[j];
      largest = Math.max(largest, Math.abs(step[j]));
    }
    if (largest < (options.tol ?? 1e-10)) {
      iterations++;
      break;
    }
  }
  return { weights: Array.from(beta.subarray(0, x.cols)), intercept: beta[d - 1], iterations };
}

/** Logistic regression estimator (see `fitLogistic`). */
export class LogisticRegression extends BaseEstimator<LogisticRegressionOptions, LogisticRegressionState> {
  readonly kind = 'profiling.logistic-regression';

  constructor(options: LogisticRegressionOptions = {}) {
    super(options);
  }

  fit(x: MatrixInput, labels: ArrayLike<number>): this {
    return this.setState(fitLogistic(x, labels, this.options));
  }

  /** P(y = 1) per row. */
  predictProba(input: MatrixInput): Float64Array {
    const state = this.requireState('predictProba');
    const x = toMatrix(input);
    if (x.cols !== state.weights.length)
      throw new DimensionMismatchError({
        what: 'feature columns',
        expected: state.weights.length,
        actual: x.cols,
      });
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      let z = state.intercept;
      for (let j = 0; j < x.cols; j++) z += state.weights[j] * x.data[i * x.cols + j];
      out[i] = sigmoid(z);
    }
    return out;
  }

  predict(input: MatrixInput): number[] {
    return Array.from(this.predictProba(input), (p) => (p >= 0.5 ? 1 : 0));
  }

  static fromJSON(json: unknown): LogisticRegression {
    const kind = 'profiling.logistic-regression';
    const parsed = parseModelJson<LogisticRegressionOptions, LogisticRegressionState>(json, {
      kind,
      version: 1,
    });
    const model = new LogisticRegression(parsed.options);
    const s = parsed.state;
    if (s === null) return model;
    if (!Array.isArray(s?.weights) || !s.weights.every(Number.isFinite) || !Number.isFinite(s.intercept)) {
      throw new InvalidModelJsonError({
        kind,
        path: 'state',
        message: 'expected finite weights and intercept',
      });
    }
    return model.setState(s);
  }
}
