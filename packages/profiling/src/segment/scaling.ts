import {
  BaseEstimator,
  DimensionMismatchError,
  InvalidModelJsonError,
  parseModelJson,
} from '@shoppilot/core';
import { type Matrix, type MatrixInput, toMatrix } from './matrix';

export interface ScalerState {
  center: number[];
  scale: number[];
}

/** Column means and population standard deviations (scikit-learn's StandardScaler). */
export function standardStatistics(x: Matrix): ScalerState {
  const center = new Array<number>(x.cols).fill(0);
  const scale = new Array<number>(x.cols).fill(0);
  for (let k = 0; k < x.cols; k++) {
    let mean = 0;
    for (let i = 0; i < x.rows; i++) mean += x.data[i * x.cols + k];
    mean /= x.rows;
    let sq = 0;
    for (let i = 0; i < x.rows; i++) sq += (x.data[i * x.cols + k] - mean) ** 2;
    center[k] = mean;
    scale[k] = Math.sqrt(sq / x.rows) || 1;
  }
  return { center, scale };
}

/** Linear-interpolated quantile of sorted values (numpy's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
}

/** Column medians and inter-quantile ranges (scikit-learn's RobustScaler, default 25-75). */
export function robustStatistics(x: Matrix, range: [number, number] = [0.25, 0.75]): ScalerState {
  const center: number[] = [];
  const scale: number[] = [];
  const column = new Float64Array(x.rows);
  for (let k = 0; k < x.cols; k++) {
    for (let i = 0; i < x.rows; i++) column[i] = x.data[i * x.cols + k];
    column.sort();
    center.push(quantileSorted(column, 0.5));
    scale.push(quantileSorted(column, range[1]) - quantileSorted(column, range[0]) || 1);
  }
  return { center, scale };
}

/** (x - center) / scale per column; a new matrix. */
export function applyScaling(x: Matrix, state: ScalerState): Matrix {
  if (x.cols !== state.center.length) {
    throw new DimensionMismatchError({
      what: 'columns to scale',
      expected: state.center.length,
      actual: x.cols,
    });
  }
  const data = new Float64Array(x.data.length);
  for (let i = 0; i < x.rows; i++) {
    for (let k = 0; k < x.cols; k++)
      data[i * x.cols + k] = (x.data[i * x.cols + k] - state.center[k]) / state.scale[k];
  }
  return { rows: x.rows, cols: x.cols, data };
}

export interface ScalerOptions {
  /** `standard`: (x - mean) / std; `robust`: (x - median) / IQR. Default `standard`. */
  method?: 'standard' | 'robust';
  /** Quantile range of the robust scaler. Default [0.25, 0.75]. */
  quantileRange?: [number, number];
}

/** Standard or robust column scaling (a constant column keeps scale 1). */
export class Scaler extends BaseEstimator<ScalerOptions, ScalerState> {
  readonly kind = 'profiling.scaler';

  constructor(options: ScalerOptions = {}) {
    super(options);
  }

  fit(input: MatrixInput): this {
    const x = toMatrix(input);
    const state =
      (this.options.method ?? 'standard') === 'robust'
        ? robustStatistics(x, this.options.quantileRange)
        : standardStatistics(x);
    return this.setState(state);
  }

  transform(input: MatrixInput): Matrix {
    return applyScaling(toMatrix(input), this.requireState('transform'));
  }

  static fromJSON(json: unknown): Scaler {
    const parsed = parseModelJson<ScalerOptions, ScalerState>(json, { kind: 'profiling.scaler', version: 1 });
    const scaler = new Scaler(parsed.options);
    if (parsed.state === null) return scaler;
    const { center, scale } = parsed.state ?? ({} as ScalerState);
    if (!Array.isArray(center) || !Array.isArray(scale) || center.length !== scale.length) {
      throw new InvalidModelJsonError({
        kind: 'profiling.scaler',
        path: 'state',
        message: 'expected center and scale arrays of equal length',
      });
    }
    return scaler.setState({ center, scale });
  }
}
