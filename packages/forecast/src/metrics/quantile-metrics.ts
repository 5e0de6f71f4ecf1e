import { DimensionMismatchError, InvalidArgumentError } from '@shoppilot/core';

/** Pinball (quantile) loss at `level`: mean of max(τ(y - q), (τ - 1)(y - q)); NaN pairs left out. */
export function pinballLoss(actual: ArrayLike<number>, quantile: ArrayLike<number>, level: number): number {
  if (!(level > 0 && level < 1))
    throw new InvalidArgumentError({ argument: 'level', message: 'must be in (0, 1)', value: level });
  if (actual.length !== quantile.length) {
    throw new DimensionMismatchError({
      what: 'pinballLoss',
      expected: actual.length,
      actual: quantile.length,
    });
  }
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = actual[i] - quantile[i];
    if (Number.isNaN(d)) continue;
    sum += d >= 0 ? level * d : (level - 1) * d;
    count++;
  }
  return count ? sum / count : Number.NaN;
}

/** Share of actual values inside [lower, upper] (bounds included); NaN values left out. */
export function intervalCoverage(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): number {
  if (actual.length !== lower.length || actual.length !== upper.length) {
    throw new DimensionMismatchError({
      what: 'intervalCoverage',
      expected: actual.length,
      actual: [lower.length, upper.length],
    });
  }
  let inside = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    if (Number.isNaN(actual[i]) || Number.isNaN(lower[i]) || Number.isNaN(upper[i])) continue;
    count++;
    if (actual[i] >= lower[i] && actual[i] <= upper[i]) inside++;
  }
  return count ? inside / count : Number.NaN;
}
