import { InputValidationError, InvalidArgumentError, InvalidModelJsonError } from '@shoppilot/core';
import { sortedQuantile } from '../quantiles';
import {
  isRecord,
  restoreUnivariate,
  type SeriesContext,
  type SeriesForecast,
  UnivariateForecaster,
  type UnivariateOptions,
} from '../univariate-forecaster';

/** `classic` Croston (1972), `sba` Syntetos-Boylan approximation (2005), `tsb` Teunter-Syntetos-Babai (2011). */
export type CrostonMethod = 'classic' | 'sba' | 'tsb';

export interface CrostonOptions extends UnivariateOptions {
  /** Default `classic`. */
  method?: CrostonMethod;
  /** Smoothing of demand sizes (and of intervals for classic/SBA). Default 0.1 (as R's `croston`). */
  alpha?: number;
  /** Smoothing of the demand probability (TSB). Default 0.1. */
  beta?: number;
}

export interface CrostonParams {
  /** Nonzero demand sizes seen in training (their shape gives the quantiles). */
  sizes: number[];
}

const KIND = 'forecast.croston';

/**
 * Intermittent-demand forecasts: smoothed demand size ẑ over smoothed interval p̂ (classic),
 * bias-corrected by (1-α/2) (SBA), or size times a demand probability smoothed every period (TSB).
 * Quantiles come from the implied mixture: no demand with probability 1-π, else a size drawn from
 * the training sizes rescaled to mean ẑ, with π·ẑ equal to the mean forecast.
 */
export class CrostonForecaster extends UnivariateForecaster<CrostonOptions, CrostonParams> {
  readonly kind = KIND;
  readonly name: string;

  constructor(options: CrostonOptions = {}) {
    super(options);
    this.name = options.method === 'sba' ? 'sba' : options.method === 'tsb' ? 'tsb' : 'croston';
  }

  protected fitSeries(y: Float64Array, context: SeriesContext): CrostonParams {
    const sizes: number[] = [];
    for (const v of y) {
      if (v < 0) {
        throw new InputValidationError({
          issues: [
            { series: context.id, message: `intermittent-demand models need non-negative values, got ${v}` },
          ],
        });
      }
      if (v > 0) sizes.push(v);
    }
    return { sizes: sizes.sort((a, b) => a - b) };
  }

  protected forecastSeries(
    y: Float64Array,
    params: CrostonParams,
    horizon: number,
    levels: readonly number[],
  ): SeriesForecast {
    const { probability, size } = crostonComponents(y, this.options);
    const mean = probability * size;
    const sizeMean = params.sizes.length ? params.sizes.reduce((a, b) => a + b, 0) / params.sizes.length : 0;
    const scaled = params.sizes.map((s) => (sizeMean > 0 ? (s * size) / sizeMean : 0));
    const quantiles = levels.map((level) => {
      const value =
        level <= 1 - probability || scaled.length === 0
          ? 0
          : sortedQuantile(scaled, (level - (1 - probability)) / probability);
      return { level, values: new Array(horizon).fill(value) };
    });
    return { mean: new Array(horizon).fill(mean), quantiles };
  }

  static fromJSON(json: unknown): CrostonForecaster {
    return restoreUnivariate(
      json,
      KIND,
      (o: CrostonOptions) => new CrostonForecaster(o),
      (params, path) => {
        if (!isRecord(params) || !Array.isArray(params.sizes))
          throw new InvalidModelJsonError({ kind: KIND, path, message: 'expected { sizes: number[] }' });
      },
    );
  }
}

/**
 * Demand probability π and size ẑ at the end of `y` (NaN skipped). Classic/SBA follow R's
 * `croston`: SES with the first value as the initial level on sizes and on inter-demand intervals.
 * TSB starts from the mean nonzero size and the share of periods with demand.
 */
export function crostonComponents(
  y: ArrayLike<number>,
  options: CrostonOptions = {},
): { probability: number; size: number } {
  const method = options.method ?? 'classic';
  const alpha = checkUnit(options.alpha ?? 0.1, 'alpha');
  const observed = Array.from(y).filter((v) => !Number.isNaN(v));
  const sizes: number[] = [];
  const intervals: number[] = [];
  let last = 0;
  observed.forEach((v, i) => {
    if (v > 0) {
      sizes.push(v);
      intervals.push(i + 1 - last);
      last = i + 1;
    }
  });
  if (sizes.length === 0) return { probability: 0, size: 0 };
  if (method === 'tsb') {
    const beta = checkUnit(options.beta ?? 0.1, 'beta');
    let size = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    let probability = sizes.length / observed.length;
    for (const v of observed) {
      probability += beta * ((v > 0 ? 1 : 0) - probability);
      if (v > 0) size += alpha * (v - size);
    }
    return { probability, size };
  }
  const size = simpleSmoothing(sizes, alpha);
  const interval = simpleSmoothing(intervals, alpha);
  const probability = (1 / interval) * (method === 'sba' ? 1 - alpha / 2 : 1);
  return { probability: Math.min(1, probability), size };
}

function simpleSmoothing(values: readonly number[], alpha: number): number {
  let level = values[0];
  for (let i = 1; i < values.length; i++) level += alpha * (values[i] - level);
  return level;
}

function checkUnit(value: number, name: string): number {
  if (!(value > 0 && value <= 1))
    throw new InvalidArgumentError({ argument: name, message: 'must be in (0, 1]', value });
  return value;
}
