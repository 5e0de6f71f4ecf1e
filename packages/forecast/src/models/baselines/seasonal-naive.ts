import { gaussianBands } from '../quantiles';
import {
  num,
  numericParams,
  restoreUnivariate,
  type SeriesContext,
  type SeriesForecast,
  UnivariateForecaster,
  type UnivariateOptions,
} from '../univariate-forecaster';
import { laggedDifferences, lastObserved, rootMeanSquare } from './residual-scale';

export type SeasonalNaiveOptions = UnivariateOptions;

interface SeasonalNaiveParams {
  /** RMS of the residuals y[t] - y[t-m] (null when it cannot be estimated). */
  sigma: number | null;
}

/**
 * Each future value equals the last observed value of the same season (m periods back, further
 * back when that one is missing). Intervals: sd σ·√(⌊(k-1)/m⌋+1), as R's `snaive()`.
 */
export class SeasonalNaiveForecaster extends UnivariateForecaster<SeasonalNaiveOptions, SeasonalNaiveParams> {
  readonly kind = 'forecast.seasonal-naive';
  readonly name = 'seasonal-naive';

  constructor(options: SeasonalNaiveOptions = {}) {
    super(options);
  }

  protected override minObservations(context: SeriesContext): number {
    return context.seasonLength;
  }

  protected fitSeries(y: Float64Array, context: SeriesContext): SeasonalNaiveParams {
    const sigma = rootMeanSquare(laggedDifferences(y, context.seasonLength));
    return { sigma: Number.isNaN(sigma) ? null : sigma };
  }

  protected forecastSeries(
    y: Float64Array,
    params: SeasonalNaiveParams,
    horizon: number,
    levels: readonly number[],
    context: SeriesContext,
  ): SeriesForecast {
    const m = context.seasonLength;
    const n = y.length;
    const mean: number[] = [];
    const sd: number[] = [];
    let fallbacks = 0;
    for (let k = 1; k <= horizon; k++) {
      let cycles = Math.ceil(k / m);
      while (n + k - 1 - cycles * m >= 0 && Number.isNaN(y[n + k - 1 - cycles * m])) cycles++;
      const index = n + k - 1 - cycles * m;
      if (index >= 0) {
        mean.push(y[index]);
        sd.push(num(params.sigma) * Math.sqrt(cycles));
      } else {
        // No observed value of this season: the last observed value stands in (flagged below).
        const last = lastObserved(y);
        mean.push(y[last]);
        sd.push(num(params.sigma) * Math.sqrt(Math.ceil(k / m)));
        fallbacks++;
      }
    }
    const warnings = fallbacks
      ? [`${fallbacks} period(s) had no observed value of the same season: last value used`]
      : [];
    return { mean, quantiles: gaussianBands(mean, sd, levels), warnings };
  }

  static fromJSON(json: unknown): SeasonalNaiveForecaster {
    return restoreUnivariate(
      json,
      'forecast.seasonal-naive',
      (o: SeasonalNaiveOptions) => new SeasonalNaiveForecaster(o),
      numericParams('forecast.seasonal-naive', ['sigma']),
    );
  }
}
