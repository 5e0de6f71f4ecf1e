import { InvalidArgumentError } from '@shoppilot/core';
import { normalQuantile as accurateNormalQuantile } from './normal';
import type { QuantileBand, QuantileForecast } from './types';

/** Checks and sorts quantile levels (each strictly inside (0, 1), no duplicates). */
export function checkLevels(levels: readonly number[]): number[] {
  const sorted = [...levels].sort((a, b) => a - b);
  sorted.forEach((level, i) => {
    if (!(level > 0 && level < 1)) {
      throw new InvalidArgumentError({
        argument: 'levels',
        message: 'each level must be in (0, 1)',
        value: level,
      });
    }
    if (i > 0 && sorted[i - 1] === level) {
      throw new InvalidArgumentError({
        argument: 'levels',
        message: 'levels must be distinct',
        value: level,
      });
    }
  });
  if (sorted.length === 0)
    throw new InvalidArgumentError({ argument: 'levels', message: 'needs at least one level' });
  return sorted;
}

/** Standard normal quantile (accurate to ~1e-13). */
export function normalQuantile(level: number): number {
  return accurateNormalQuantile(level);
}

/** Gaussian quantile bands mean + z(level)·sd per period. */
export function gaussianBands(
  mean: readonly number[],
  sd: readonly number[],
  levels: readonly number[],
): QuantileBand[] {
  return levels.map((level) => {
    const z = normalQuantile(level);
    return { level, values: mean.map((m, k) => m + z * sd[k]) };
  });
}

/** Empirical quantile (type 7, as R's default) of a sorted sample. */
export function sortedQuantile(sorted: ArrayLike<number>, level: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * level;
  const lower = Math.floor(position);
  const upper = Math.min(n - 1, lower + 1);
  return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
}

/**
 * The values of a forecast at a quantile level: the band itself when present, else linear
 * interpolation between the nearest bands. Levels outside the bands are an error.
 */
export function quantileValues(
  forecast: Pick<QuantileForecast, 'quantiles' | 'id'>,
  level: number,
): number[] {
  const bands = forecast.quantiles;
  const exact = bands.find((band) => Math.abs(band.level - level) < 1e-12);
  if (exact) return exact.values;
  const upperIndex = bands.findIndex((band) => band.level > level);
  if (upperIndex <= 0) {
    throw new InvalidArgumentError({
      argument: 'level',
      message: `series "${forecast.id}" has quantiles ${bands.map((b) => b.level).join(', ')}; ${level} is outside them`,
      value: level,
    });
  }
  const lower = bands[upperIndex - 1];
  const upper = bands[upperIndex];
  const w = (level - lower.level) / (upper.level - lower.level);
  return lower.values.map((v, k) => v + w * (upper.values[k] - v));
}

/** Sorts each period's values across bands so quantiles never cross. */
export function sortBands(bands: QuantileBand[]): QuantileBand[] {
  if (bands.length < 2) return bands;
  const horizon = bands[0].values.length;
  for (let k = 0; k < horizon; k++) {
    const column = bands.map((band) => band.values[k]).sort((a, b) => a - b);
    bands.forEach((band, i) => {
      band.values[k] = column[i];
    });
  }
  return bands;
}
