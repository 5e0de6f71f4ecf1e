import { InvalidModelJsonError } from '@shoppilot/core';
import {
  isRecord,
  restoreUnivariate,
  type SeriesContext,
  type SeriesForecast,
  UnivariateForecaster,
  type UnivariateOptions,
} from '../univariate-forecaster';
import type { EtsFit } from './ets-fit';
import { predictEts } from './ets-predict';
import { type EtsSelectOptions, selectEts } from './ets-select';
import { etsName } from './ets-spec';

export interface EtsOptions extends UnivariateOptions, EtsSelectOptions {
  /** Seed of the simulated intervals (forms without analytic variances). Default 1. */
  seed?: number;
  /** Sample paths for simulated intervals. Default 5000. */
  paths?: number;
}

const KIND = 'forecast.ets';

/**
 * Exponential smoothing state-space models (ETS) for each series of a panel, fitted by maximum
 * likelihood as R's `forecast::ets`. With `model: 'ZZZ'` (the default) it is AutoETS: every
 * allowed form is fitted and the best by AICc kept. Fixed forms: `ANN` simple, `AAN` Holt,
 * `AAdN` damped, `AAA`/`MAM` Holt-Winters additive/multiplicative.
 */
export class EtsForecaster extends UnivariateForecaster<EtsOptions, EtsFit> {
  readonly kind = KIND;

  readonly name: string;

  constructor(options: EtsOptions = {}) {
    super(options);
    const model = options.model ?? 'ZZZ';
    const damped = options.damped ?? 'auto';
    this.name =
      model === 'ZZZ' && damped === 'auto' ? 'auto-ets' : `ets-${model}${damped === true ? '-damped' : ''}`;
  }

  protected override minObservations(): number {
    return 1;
  }

  protected fitSeries(y: Float64Array, context: SeriesContext): EtsFit {
    return selectEts(y, context.seasonLength, this.options).fit;
  }

  protected forecastSeries(
    y: Float64Array,
    fit: EtsFit,
    horizon: number,
    levels: readonly number[],
  ): SeriesForecast {
    const prediction = predictEts(
      fit,
      y,
      horizon,
      levels,
      this.options.seed ?? 1,
      this.options.paths ?? 5000,
    );
    return {
      mean: prediction.mean,
      quantiles: prediction.quantiles,
      warnings: [`${etsName(fit.spec)}, ${prediction.intervals} intervals`],
    };
  }

  static fromJSON(json: unknown): EtsForecaster {
    return restoreUnivariate(json, KIND, (options: EtsOptions) => new EtsForecaster(options), checkFit);
  }
}

function checkFit(params: unknown, path: string): void {
  const bad = (message: string, at = '') =>
    new InvalidModelJsonError({ kind: KIND, path: `${path}${at}`, message });
  if (!isRecord(params)) throw bad('expected an ETS fit object');
  if (!isRecord(params.spec) || !['A', 'M'].includes(params.spec.error as string)) {
    throw bad('expected { error, trend, damped, season }', '.spec');
  }
  if (!isRecord(params.params) || typeof params.params.alpha !== 'number')
    throw bad('expected { alpha, beta, gamma, phi }', '.params');
  if (!Array.isArray(params.initialState) || !params.initialState.every((v) => typeof v === 'number')) {
    throw bad('expected numbers', '.initialState');
  }
  if (typeof params.m !== 'number' || typeof params.sigma2 !== 'number')
    throw bad('expected numbers m and sigma2');
}

/**
 * One-shot AutoETS (or a fixed form) on one series: equals `new EtsForecaster(options)` fitted on
 * that series followed by `predict`.
 */
export function forecastEts(
  y: ArrayLike<number>,
  options: EtsOptions & { horizon: number; levels?: readonly number[] },
): { mean: number[]; quantiles: SeriesForecast['quantiles']; form: string; fit: EtsFit } {
  const fit = selectEts(y, options.seasonLength ?? 1, options).fit;
  const levels = options.levels ?? [0.1, 0.5, 0.9];
  const prediction = predictEts(fit, y, options.horizon, levels, options.seed ?? 1, options.paths ?? 5000);
  return { mean: prediction.mean, quantiles: prediction.quantiles, form: etsName(fit.spec), fit };
}
