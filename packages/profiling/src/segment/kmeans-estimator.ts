import {
  BaseEstimator,
  DimensionMismatchError,
  InvalidModelJsonError,
  parseModelJson,
} from '@shoppilot/core';
import { assignLabels, type KMeansOptions, kmeans } from './kmeans';
import { fromRows, type MatrixInput, matrixRows, toMatrix } from './matrix';
import { type MiniBatchKMeansOptions, miniBatchKMeans } from './minibatch-kmeans';

export interface KMeansState {
  centers: number[][];
  inertia: number;
  iterations: number;
}

function parseCenters(
  kind: string,
  json: unknown,
): { options: Record<string, unknown>; state: KMeansState | null } {
  const parsed = parseModelJson<Record<string, unknown>, KMeansState>(json, { kind, version: 1 });
  const state = parsed.state;
  if (state !== null) {
    const ok =
      Array.isArray(state?.centers) &&
      state.centers.length > 0 &&
      state.centers.every(
        (row) => Array.isArray(row) && row.length === state.centers[0].length && row.every(Number.isFinite),
      );
    if (!ok)
      throw new InvalidModelJsonError({
        kind,
        path: 'state.centers',
        message: 'expected k rows of equal length of finite numbers',
      });
  }
  return { options: parsed.options, state };
}

abstract class CentroidModel<O> extends BaseEstimator<O, KMeansState> {
  /** Nearest centre of each row. */
  predict(input: MatrixInput): Int32Array {
    const state = this.requireState();
    const x = toMatrix(input);
    const centers = fromRows(state.centers);
    if (x.cols !== centers.cols)
      throw new DimensionMismatchError({ what: 'feature columns', expected: centers.cols, actual: x.cols });
    const labels = new Int32Array(x.rows);
    assignLabels(x, centers, labels);
    return labels;
  }

  get centers(): number[][] {
    return this.requireState('centers').centers;
  }
}

/** k-means with k-means++ seeding and seeded restarts (see `kmeans`). */
export class KMeans extends CentroidModel<Omit<KMeansOptions, 'signal' | 'onProgress'>> {
  readonly kind = 'profiling.kmeans';

  constructor(options: Omit<KMeansOptions, 'signal' | 'onProgress'> = {}) {
    super(options);
  }

  fit(input: MatrixInput, run: Pick<KMeansOptions, 'signal' | 'onProgress'> = {}): this {
    const result = kmeans(toMatrix(input), { ...this.options, ...run });
    return this.setState({
      centers: matrixRows(result.centers),
      inertia: result.inertia,
      iterations: result.iterations,
    });
  }

  static fromJSON(json: unknown): KMeans {
    const { options, state } = parseCenters('profiling.kmeans', json);
    const model = new KMeans(options);
    return state ? model.setState(state) : model;
  }
}

/** Mini-batch k-means (see `miniBatchKMeans`). */
export class MiniBatchKMeans extends CentroidModel<Omit<MiniBatchKMeansOptions, 'signal' | 'onProgress'>> {
  readonly kind = 'profiling.minibatch-kmeans';

  constructor(options: Omit<MiniBatchKMeansOptions, 'signal' | 'onProgress'> = {}) {
    super(options);
  }

  fit(input: MatrixInput, run: Pick<KMeansOptions, 'signal' | 'onProgress'> = {}): this {
    const result = miniBatchKMeans(toMatrix(input), { ...this.options, ...run });
    return this.setState({
      centers: matrixRows(result.centers),
      inertia: result.inertia,
      iterations: result.iterations,
    });
  }

  static fromJSON(json: unknown): MiniBatchKMeans {
    const { options, state } = parseCenters('profiling.minibatch-kmeans', json);
    const model = new MiniBatchKMeans(options);
    return state ? model.setState(state) : model;
  }
}
