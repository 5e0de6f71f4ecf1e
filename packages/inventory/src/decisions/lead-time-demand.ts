import { InputValidationError } from '@shoppilot/core';
import { normalDemand } from '../distributions/continuous';
import type { DemandDistribution } from '../distributions/demand-distribution';
import { empiricalDemand } from '../distributions/empirical';
import { standardNormalQuantile } from '../distributions/normal';
import { quantileDemand } from '../distributions/quantile-demand';
import type { QuantileForecastLike } from './forecast-input';

/**
 * How per-period forecast quantiles combine into lead-time demand:
 * - `comonotonic`: the p-quantile of the sum is the sum of the p-quantiles (errors fully correlated
 *   across periods, as forecast errors of one SKU usually are; conservative: never below the truth
 *   for positively dependent demand);
 * - `independent`: periods independent and normal, each sd read from the outermost quantiles.
 * Sample paths, when the forecast has them, are summed exactly instead.
 */
export type QuantileAggregation = 'comonotonic' | 'independent';

export interface WindowDemand {
  distribution: DemandDistribution;
  /** Expected demand over the window (sum of the mean forecast, else of the median). */
  mean: number;
  /** Median of the window's demand. */
  median: number;
}

/** Weights of periods [start, start + length): whole periods 1, a fractional last period its fraction. */
export function periodWeights(start: number, length: number): Array<[number, number]> {
  const weights: Array<[number, number]> = [];
  for (let t = Math.floor(start); t < start + length - 1e-12; t++) {
    const from = Math.max(t, start);
    const to = Math.min(t + 1, start + length);
    weights.push([t, to - from]);
  }
  return weights;
}

/** Throws naming the SKU when the forecast has fewer periods than [0, length) needs. */
export function checkHorizon(forecast: QuantileForecastLike, length: number): void {
  const horizon = forecast.quantiles[0]?.values.length ?? forecast.samples?.[0]?.length ?? 0;
  const needed = Math.ceil(length - 1e-12);
  if (needed > horizon) {
    throw new InputValidationError({
      issues: [
        {
          sku: forecast.id,
          field: 'leadTime',
          message: `lead time + review period need ${needed} forecast periods, the forecast has ${horizon}`,
          expected: `a forecast of at least ${needed} periods`,
        },
      ],
    });
  }
}

/**
 * The fast path of the common case (quantile bands, ascending levels, comonotonic sums): each band's
 * sum over [start, start + length) and the mean's (or the median band's) sum. `undefined` when the
 * forecast has samples or unsorted bands (use `windowDemand`).
 */
export function windowBandSums(
  forecast: QuantileForecastLike,
  start: number,
  length: number,
): { levels: number[]; sums: number[]; mean: number } | undefined {
  const levels = new Array<number>(forecast.quantiles.length);
  const sums = new Array<number>(forecast.quantiles.length);
  const mean = bandSumsInto(forecast, start, length, levels, sums);
  return mean === undefined ? undefined : { levels, sums, mean };
}

/**
 * `windowBandSums` into caller-owned arrays of length `forecast.quantiles.length` (no allocation, for
 * batch planning). Returns the mean's sum (`NaN` without a mean or a median band), or `undefined`
 * when the fast path does not apply.
 */
export function bandSumsInto(
  forecast: QuantileForecastLike,
  start: number,
  length: number,
  levels: number[],
  sums: number[],
): number | undefined {
  const bands = forecast.quantiles;
  if (forecast.samples?.length || bands.length === 0) return undefined;
  let medianSum: number | undefined;
  for (let b = 0; b < bands.length; b++) {
    if (b > 0 && !(bands[b].level > bands[b - 1].level)) return undefined;
    let total = weightedSum(bands[b].values, start, length);
    if (b > 0 && total < sums[b - 1]) total = sums[b - 1];
    levels[b] = bands[b].level;
    sums[b] = total;
    if (Math.abs(bands[b].level - 0.5) < 1e-12) medianSum = total;
  }
  const mean = forecast.mean ? weightedSum(forecast.mean, start, length) : medianSum;
  return mean ?? Number.NaN;
}

/** Sum of `values` over [start, start + length), a fractional last period weighted by its fraction. */
function weightedSum(values: readonly number[], start: number, length: number): number {
  let total = 0;
  for (let t = Math.floor(start); t < start + length - 1e-12; t++)
    total += (Math.min(t + 1, start + length) - Math.max(t, start)) * values[t];
  return total;
}

/** Demand over forecast periods [start, start + length) as a distribution. */
export function windowDemand(
  forecast: QuantileForecastLike,
  start: number,
  length: number,
  aggregation: QuantileAggregation = 'comonotonic',
): WindowDemand {
  const weights = periodWeights(start, length);
  const horizon = forecast.quantiles[0]?.values.length ?? forecast.samples?.[0]?.length ?? 0;
  const needed = weights.length ? weights[weights.length - 1][0] + 1 : 0;
  if (needed > horizon) {
    throw new InputValidationError({
      issues: [
        {
          sku: forecast.id,
          field: 'leadTime',
          message: `lead time + review period need ${needed} forecast periods, the forecast has ${horizon}`,
          expected: `a forecast of at least ${needed} periods`,
        },
      ],
    });
  }
  const sum = (values: readonly number[]) => weights.reduce((total, [t, w]) => total + w * values[t], 0);
  if (forecast.samples?.length) {
    const distribution = empiricalDemand(forecast.samples.map(sum));
    return { distribution, mean: distribution.mean, median: distribution.quantile(0.5) };
  }
  const levels = forecast.quantiles.map((band) => band.level);
  const sums = forecast.quantiles.map((band) => sum(band.values));
  const medianBand = forecast.quantiles.find((band) => Math.abs(band.level - 0.5) < 1e-12);
  const mean = forecast.mean ? sum(forecast.mean) : medianBand ? sum(medianBand.values) : undefined;
  if (aggregation === 'independent') {
    const center = mean ?? quantileDemand(levels, sums).mean;
    const variance = weights.reduce((total, [t, w]) => total + w * periodSd(forecast, t) ** 2, 0);
    const distribution = normalDemand(center, Math.sqrt(variance));
    return { distribution, mean: center, median: center };
  }
  const distribution = quantileDemand(levels, sums, { mean });
  return { distribution, mean: distribution.mean, median: distribution.quantile(0.5) };
}

/** A period's standard deviation implied by its outermost quantiles under normality (0 with one band). */
function periodSd(forecast: QuantileForecastLike, t: number): number {
  const bands = forecast.quantiles;
  if (bands.length < 2) return 0;
  const low = bands[0];
  const high = bands[bands.length - 1];
  return Math.max(
    0,
    (high.values[t] - low.values[t]) /
      (standardNormalQuantile(high.level) - standardNormalQuantile(low.level)),
  );
}
