import { InvalidModelJsonError } from '@shoppilot/core';
import { classicalDecomposition, interpolateMissing, simpleRegression } from '../decompose';
import { fitEtsForm } from '../ets/ets-fit';
import { etsFilter } from '../ets/ets-recursion';
import { gaussianBands, normalQuantile } from '../quantiles';
import {
  isRecord,
  restoreUnivariate,
  type SeriesContext,
  type SeriesForecast,
  UnivariateForecaster,
  type UnivariateOptions,
} from '../univariate-forecaster';

export type ThetaOptions = UnivariateOptions;

export interface ThetaParams {
  /** SES smoothing parameter and initial level (fitted by MSE, as R's `ses`). */
  alpha: number;
  level0: number;
  sigma2: number;
  /** Half the slope of a linear trend through the (seasonally adjusted) series. */
  drift: number;
  /** Multiplicative seasonal figure (phase of the first value), or null when not seasonal. */
  figure: number[] | null;
}

const KIND = 'forecast.theta';
const SES = { error: 'A', trend: 'N', season: 'N', damped: false } as const;

/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000) as shown by Hyndman & Billah (2003) to be
 * SES with drift equal to half the linear trend, computed like R's `thetaf`: a 90% autocorrelation
 * test for seasonality, classical multiplicative seasonal adjustment, SES fitted by MSE, and
 * intervals sd = σ·√(1 + (k-1)α²). Missing values are interpolated first.
 */
export class ThetaForecaster extends UnivariateForecaster<ThetaOptions, ThetaParams> {
  readonly kind = KIND;
  readonly name = 'theta';

  constructor(options: ThetaOptions = {}) {
    super(options);
  }

  protected override minObservations(): number {
    return 4;
  }

  protected fitSeries(yRaw: Float64Array, context: SeriesContext): ThetaParams {
    const y = interpolateMissing(yRaw);
    const m = context.seasonLength;
    const figure = isSeasonal(y, m) ? classicalDecomposition(y, m, 'multiplicative').figure : null;
    const adjusted = figure?.every((f) => Math.abs(f) >= 1e-4) ? y.map((v, t) => v / figure[t % m]) : y;
    const ses = fitEtsForm(adjusted, SES, 1, { criterion: 'mse' });
    const alpha = Math.max(1e-10, ses?.params.alpha ?? 0.5);
    const level0 = ses?.initialState[0] ?? adjusted[0];
    const sigma2 = ses?.sigma2 ?? Number.NaN;
    const { slope } = simpleRegression(
      Float64Array.from(adjusted, (_, i) => i),
      adjusted,
    );
    return {
      alpha,
      level0,
      sigma2,
      drift: slope / 2,
      figure: adjusted === y ? null : Array.from(figure ?? []),
    };
  }

  protected forecastSeries(
    yRaw: Float64Array,
    params: ThetaParams,
    horizon: number,
    levels: readonly number[],
    context: SeriesContext,
  ): SeriesForecast {
    const y = interpolateMissing(yRaw);
    const n = y.length;
    const m = context.seasonLength;
    const { figure, alpha } = params;
    const adjusted = figure ? y.map((v, t) => v / figure[t % m]) : y;
    const level = etsFilter(adjusted, SES, { alpha, beta: 0, gamma: 0, phi: 1 }, [params.level0], 1)
      .finalState[0];
    const mean = Array.from({ length: horizon }, (_, k) => {
      const value = level + params.drift * (k + (1 - (1 - alpha) ** n) / alpha);
      return figure ? value * figure[(n + k) % m] : value;
    });
    const sd = mean.map((_, k) => Math.sqrt(params.sigma2) * Math.sqrt(1 + k * alpha * alpha));
    return { mean, quantiles: gaussianBands(mean, sd, levels) };
  }

  static fromJSON(json: unknown): ThetaForecaster {
    return restoreUnivariate(
      json,
      KIND,
      (o: ThetaOptions) => new ThetaForecaster(o),
      (params, path) => {
        if (!isRecord(params) || typeof params.alpha !== 'number' || typeof params.drift !== 'number') {
          throw new InvalidModelJsonError({
            kind: KIND,
            path,
            message: 'expected { alpha, level0, sigma2, drift, figure }',
          });
        }
      },
    );
  }
}

/** R's test: |r_m| / √((1 + 2Σ_{k<m} r_k²)/n) > z_0.95. */
function isSeasonal(y: Float64Array, m: number): boolean {
  const n = y.length;
  if (m <= 1 || n <= 2 * m) return false;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  let denominator = 0;
  for (const v of y) denominator += (v - mean) ** 2;
  if (denominator === 0) return false;
  const r = (lag: number) => {
    let sum = 0;
    for (let t = 0; t < n - lag; t++) sum += (y[t] - mean) * (y[t + lag] - mean);
    return sum / denominator;
  };
  let sumSquares = 0;
  for (let k = 1; k < m; k++) sumSquares += r(k) ** 2;
  const stat = Math.sqrt((1 + 2 * sumSquares) / n);
  return Math.abs(r(m)) / stat > normalQuantile(0.95);
}
