import {
  BaseEstimator,
  DimensionMismatchError,
  InvalidModelJsonError,
  parseModelJson,
} from '@shoppilot/core';
import {
  argmaxRows,
  expectation,
  type GaussianMixtureOptions,
  gaussianMixture,
  weightedLogDensities,
} from './gmm';
import { type MatrixInput, toMatrix } from './matrix';

export interface GaussianMixtureState {
  weights: number[];
  means: number[];
  covariances: number[];
  covariance: 'full' | 'diag';
  k: number;
  d: number;
  logLikelihood: number;
  converged: boolean;
}

/** Gaussian mixture (EM, full or diagonal covariance); see `gaussianMixture`. */
export class GaussianMixture extends BaseEstimator<
  Omit<GaussianMixtureOptions, 'signal' | 'onProgress'>,
  GaussianMixtureState
> {
  readonly kind = 'profiling.gaussian-mixture';

  constructor(options: Omit<GaussianMixtureOptions, 'signal' | 'onProgress'> = {}) {
    super(options);
  }

  fit(input: MatrixInput, run: Pick<GaussianMixtureOptions, 'signal' | 'onProgress'> = {}): this {
    const r = gaussianMixture(toMatrix(input), { ...this.options, ...run });
    return this.setState({
      weights: Array.from(r.weights),
      means: Array.from(r.means),
      covariances: Array.from(r.covariances),
      covariance: r.covariance,
      k: r.k,
      d: r.d,
      logLikelihood: r.logLikelihood,
      converged: r.converged,
    });
  }

  /** n x k posterior probabilities (row-major). */
  predictProba(input: MatrixInput): Float64Array {
    const s = this.requireState('predictProba');
    const x = toMatrix(input);
    if (x.cols !== s.d)
      throw new DimensionMismatchError({ what: 'feature columns', expected: s.d, actual: x.cols });
    const densities = weightedLogDensities(x, {
      ...s,
      weights: Float64Array.from(s.weights),
      means: Float64Array.from(s.means),
      covariances: Float64Array.from(s.covariances),
    });
    expectation(densities, x.rows, s.k);
    return densities;
  }

  /** Most probable component of each row. */
  predict(input: MatrixInput): Int32Array {
    const s = this.requireState();
    const x = toMatrix(input);
    return argmaxRows(this.predictProba(x), x.rows, s.k);
  }

  static fromJSON(json: unknown): GaussianMixture {
    const kind = 'profiling.gaussian-mixture';
    const parsed = parseModelJson<GaussianMixtureOptions, GaussianMixtureState>(json, { kind, version: 1 });
    const model = new GaussianMixture(parsed.options);
    const s = parsed.state;
    if (s === null) return model;
    const size = s?.covariance === 'full' ? s.k * s.d * s.d : (s?.k ?? 0) * (s?.d ?? 0);
    if (
      !Array.isArray(s?.weights) ||
      s.weights.length !== s.k ||
      s.means?.length !== s.k * s.d ||
      s.covariances?.length !== size
    ) {
      throw new InvalidModelJsonError({
        kind,
        path: 'state',
        message: 'weights, means and covariances do not match k and d',
      });
    }
    return model.setState(s);
  }
}
