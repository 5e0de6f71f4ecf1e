import { InvalidModelJsonError } from '@shoppilot/core';
import { InsufficientHistoryError } from '../../errors/insufficient-history-error';
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

/** A fitted form as stored per series, with the notes of its selection (e.g. a season ignored). */
type StoredEtsFit = EtsFit & { warnings?: string[] };

/**
 * Exponential smoothing state-space models (ETS) for each series of a panel, fitted by maximum
 * likelihood as R's `forecast::ets`. With `model: 'ZZZ'` (the default) it is AutoETS: every
 * allowed form is fitted and the best by AICc kept. Fixed forms: `ANN` simple, `AAN` Holt,
 * `AAdN` damped, `AAA`/`MAM` Holt-Winters additive/multiplicative.
 */
export class EtsForecaster extends UnivariateForecaster<EtsOptions, StoredEtsFit> {
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

  /**
   * Selects the form; a series with too few values for any allowed form (maximum likelihood needs
   * more than parameters + 4) is too short, and the base class falls back (or throws) for it.
   */
  protected fitSeries(y: Float64Array, context: SeriesContext): StoredEtsFit {
    const selection = selectEts(y, context.seasonLength, this.options);
    if (selection.candidates.every((c) => !Number.isFinite(c.ic))) {
      throw new InsufficientHistoryError({
        series: context.id,
        required: 7,
        available: selection.fit.observed,
        reason: 'maximum likelihood ETS (any form)',
      });
    }
    return selection.warnings.length ? { ...selection.fit, warnings: selection.warnings } : selection.fit;
  }

  protected forecastSeries(
    y: Float64Array,
    fit: StoredEtsFit,
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
      warnings: [...(fit.warnings ?? []), `${etsName(fit.spec)}, ${prediction.intervals} intervals`],
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
