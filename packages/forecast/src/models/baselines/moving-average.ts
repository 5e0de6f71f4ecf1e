import { InvalidArgumentError, InvalidModelJsonError } from '@shoppilot/core';
import { gaussianBands } from '../quantiles';
import {
  isRecord,
  restoreUnivariate,
  type SeriesForecast,
  UnivariateForecaster,
  type UnivariateOptions,
} from '../univariate-forecaster';

export interface MovingAverageOptions extends UnivariateOptions {
  /** Number of most recent observed values averaged. Default 4. */
  window?: number;
}

interface MovingAverageParams {
  /** RMS of in-sample k-step errors for k = 1..K (null where too few to estimate). */
  stepSigma: Array<number | null>;
}

const MAX_STEPS = 52;

/**
 * The mean of the last `window` observed values, flat over the horizon. The spread of the k-step
 * forecast is the RMS of the model's own in-sample k-step errors, so intervals widen as much as
 * the data say they should.
 */
export class MovingAverageForecaster extends UnivariateForecaster<MovingAverageOptions, MovingAverageParams> {
  readonly kind = 'forecast.moving-average';
  readonly name = 'moving-average';

  constructor(options: MovingAverageOptions = {}) {
    super(options);
  }

  private get window(): number {
    const window = this.options.window ?? 4;
    if (!Number.isInteger(window) || window < 1) {
      throw new InvalidArgumentError({
        argument: 'window',
        message: 'must be an integer >= 1',
        value: window,
      });
    }
    return window;
  }

  protected fitSeries(y: Float64Array): MovingAverageParams {
    const window = this.window;
    const sums = new Float64Array(MAX_STEPS);
    const counts = new Int32Array(MAX_STEPS);
    for (let origin = 0; origin < y.length - 1; origin++) {
      const level = trailingMean(y, origin, window);
      if (Number.isNaN(level)) continue;
      for (let k = 1; k <= MAX_STEPS && origin + k < y.length; k++) {
        const error = y[origin + k] - level;
        if (Number.isNaN(error)) continue;
        sums[k - 1] += error * error;
        counts[k - 1]++;
      }
    }
    const stepSigma = Array.from(sums, (s, i) => (counts[i] >= 2 ? Math.sqrt(s / counts[i]) : null));
    return { stepSigma };
  }

  protected forecastSeries(
    y: Float64Array,
    params: MovingAverageParams,
    horizon: number,
    levels: readonly number[],
  ): SeriesForecast {
    const level = trailingMean(y, y.length - 1, this.window);
    const mean = Array.from({ length: horizon }, () => level);
    const one = params.stepSigma[0] ?? Number.NaN;
    const sd = mean.map((_, k) => params.stepSigma[Math.min(k, MAX_STEPS - 1)] ?? one * Math.sqrt(k + 1));
    return { mean, quantiles: gaussianBands(mean, sd, levels) };
  }

  static fromJSON(json: unknown): MovingAverageForecaster {
    return restoreUnivariate(
      json,
      'forecast.moving-average',
      (o: MovingAverageOptions) => new MovingAverageForecaster(o),
      (params, path) => {
        if (!isRecord(params) || !Array.isArray(params.stepSigma)) {
          throw new InvalidModelJsonError({
            kind: 'forecast.moving-average',
            path,
            message: 'expected { stepSigma: number[] }',
          });
        }
      },
    );
  }
}

/** Mean of the last `window` observed values at or before `end` (NaN when none). */
function trailingMean(y: Float64Array, end: number, window: number): number {
  let sum = 0;
  let count = 0;
  for (let i = end; i >= 0 && count < window; i--) {
    if (Number.isNaN(y[i])) continue;
    sum += y[i];
    count++;
  }
  return count ? sum / count : Number.NaN;
}
