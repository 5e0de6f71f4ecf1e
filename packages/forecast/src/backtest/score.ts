import { mae, naiveScale, rmse, smape } from '../metrics/point-metrics';
import { pinballLoss } from '../metrics/quantile-metrics';
import { quantileValues } from '../models/quantiles';
import type { QuantileForecast } from '../models/types';

/** One model's backtest scores. Means are over (series, window) pairs unless said otherwise. */
export interface ModelScore {
  name: string;
  /** Mean over (series, window) of MAE / in-sample naive MAE of the training part. */
  mase: number;
  /** Mean over (series, window) of RMSE / in-sample naive RMSE. */
  rmsse: number;
  /** Mean over (series, window) of the sMAPE (fraction in [0, 2]). */
  smape: number;
  /** Σ|y - ŷ| / Σ|y| over every scored point. */
  wape: number;
  mae: number;
  rmse: number;
  /** Mean pinball loss over the requested levels and every point. */
  pinball: number;
  /** Share of actual values inside [p10, p90] (NaN when 0.1 or 0.9 was not requested). */
  coverage80: number;
  /** Wall time of every fit and predict. */
  seconds: number;
  /** Scored points and (series, window) pairs. */
  points: number;
  pairs: number;
  /** (series, window) pairs left out of MASE/RMSSE because their scale is 0 or undefined. */
  unscaled: number;
  /** Points with an actual value but no finite forecast (left out of WAPE/MAE/RMSE, counted here). */
  missingForecasts: number;
}

export interface ScoreAccumulator {
  name: string;
  levels: readonly number[];
  seconds: number;
  mase: number[];
  rmsse: number[];
  smape: number[];
  absError: number;
  absActual: number;
  squaredError: number;
  points: number;
  pinballSum: number;
  pinballCount: number;
  inside: number;
  intervalPoints: number;
  pairs: number;
  unscaled: number;
  missingForecasts: number;
}

export function newAccumulator(name: string, levels: readonly number[]): ScoreAccumulator {
  return {
    name,
    levels,
    seconds: 0,
    mase: [],
    rmsse: [],
    smape: [],
    absError: 0,
    absActual: 0,
    squaredError: 0,
    points: 0,
    pinballSum: 0,
    pinballCount: 0,
    inside: 0,
    intervalPoints: 0,
    pairs: 0,
    unscaled: 0,
    missingForecasts: 0,
  };
}

/** Adds one series-window to the accumulator. */
export function accumulate(
  acc: ScoreAccumulator,
  forecast: QuantileForecast,
  actual: Float64Array,
  history: Float64Array,
  seasonLength: number,
): void {
  const mean = forecast.mean;
  acc.pairs++;
  const scale = naiveScale(history, seasonLength, 1);
  const scale2 = Math.sqrt(naiveScale(history, seasonLength, 2));
  if (scale > 0 && scale2 > 0) {
    acc.mase.push(mae(actual, mean) / scale);
    acc.rmsse.push(rmse(actual, mean) / scale2);
  } else acc.unscaled++;
  acc.smape.push(smape(actual, mean));
  for (let k = 0; k < actual.length; k++) {
    if (Number.isNaN(actual[k])) continue;
    if (!Number.isFinite(mean[k])) {
      acc.missingForecasts++;
      continue;
    }
    acc.absError += Math.abs(actual[k] - mean[k]);
    acc.squaredError += (actual[k] - mean[k]) ** 2;
    acc.absActual += Math.abs(actual[k]);
    acc.points++;
  }
  for (const band of forecast.quantiles) {
    const loss = pinballLoss(actual, band.values, band.level);
    if (!Number.isNaN(loss)) {
      acc.pinballSum += loss;
      acc.pinballCount++;
    }
  }
  const hasInterval =
    forecast.quantiles.some((b) => b.level === 0.1) && forecast.quantiles.some((b) => b.level === 0.9);
  if (hasInterval) {
    const lower = quantileValues(forecast, 0.1);
    const upper = quantileValues(forecast, 0.9);
    for (let k = 0; k < actual.length; k++) {
      if (Number.isNaN(actual[k])) continue;
      acc.intervalPoints++;
      if (actual[k] >= lower[k] && actual[k] <= upper[k]) acc.inside++;
    }
  }
}

export function summarise(acc: ScoreAccumulator): ModelScore {
  const mean = (values: number[]) => {
    const finite = values.filter(Number.isFinite);
    return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : Number.NaN;
  };
  return {
    name: acc.name,
    mase: mean(acc.mase),
    rmsse: mean(acc.rmsse),
    smape: mean(acc.smape),
    wape: acc.absActual > 0 ? acc.absError / acc.absActual : Number.NaN,
    mae: acc.points ? acc.absError / acc.points : Number.NaN,
    rmse: acc.points ? Math.sqrt(acc.squaredError / acc.points) : Number.NaN,
    pinball: acc.pinballCount ? acc.pinballSum / acc.pinballCount : Number.NaN,
    coverage80: acc.intervalPoints ? acc.inside / acc.intervalPoints : Number.NaN,
    seconds: acc.seconds,
    points: acc.points,
    pairs: acc.pairs,
    unscaled: acc.unscaled,
    missingForecasts: acc.missingForecasts,
  };
}
