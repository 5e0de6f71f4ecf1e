import { gaussianBands } from '../quantiles';
import {
  num,
  numericParams,
  restoreUnivariate,
  type SeriesForecast,
  UnivariateForecaster,
  type UnivariateOptions,
} from '../univariate-forecaster';
import { laggedDifferences, lastObserved, rootMeanSquare } from './residual-scale';

export type NaiveOptions = UnivariateOptions;

interface NaiveParams {
  /** RMS of the one-step naive residuals (null when it cannot be estimated). */
  sigma: number | null;
}

/**
 * The random-walk forecast: every future value equals the last observed one. Intervals are
 * Gaussian with sd σ·√k, σ the RMS of one-step differences (as R's `naive()`).
 */
export class NaiveForecaster extends UnivariateForecaster<NaiveOptions, NaiveParams> {
  readonly kind = 'forecast.naive';
  readonly name = 'naive';

  constructor(options: NaiveOptions = {}) {
    super(options);
  }

  protected fitSeries(y: Float64Array): NaiveParams {
    const sigma = rootMeanSquare(laggedDifferences(y, 1));
    return { sigma: Number.isNaN(sigma) ? null : sigma };
  }

  protected forecastSeries(
    y: Float64Array,
    params: NaiveParams,
    horizon: number,
    levels: readonly number[],
  ): SeriesForecast {
    const last = lastObserved(y);
    const gap = y.length - 1 - last;
    const mean = Array.from({ length: horizon }, () => y[last]);
    const sd = mean.map((_, k) => num(params.sigma) * Math.sqrt(k + 1 + gap));
    return { mean, quantiles: gaussianBands(mean, sd, levels) };
  }

  static fromJSON(json: unknown): NaiveForecaster {
    return restoreUnivariate(
      json,
      'forecast.naive',
      (o: NaiveOptions) => new NaiveForecaster(o),
      numericParams('forecast.naive', ['sigma']),
    );
  }
}
