import { sortedQuantile } from '../quantiles';
import type { SampleArrays } from './lstm-samples';

/**
 * One-sided conformal shifts of the learned quantiles (conformalised quantile regression, Romano et
 * al. 2019, per level): on the validation samples — labels the network never trained on — the
 * shift δ of level τ at step k is the τ-quantile of y - q̂_τ, so that a fraction τ of validation
 * values falls below q̂_τ + δ. Works in the standardised space; the median is left as learned.
 * Returns shifts[level][step] (0 where fewer than `minCount` values; steps pooled then).
 */
export function conformalShifts(
  raw: Float32Array,
  data: SampleArrays,
  levels: readonly number[],
  horizon: number,
  minCount = 30,
): number[][] {
  const Q = levels.length;
  return levels.map((level, q) => {
    if (level === 0.5) return new Array(horizon).fill(0);
    const perStep: number[][] = Array.from({ length: horizon }, () => []);
    for (let i = 0; i < data.count; i++) {
      for (let k = 0; k < horizon; k++) {
        if (data.mask[i * horizon + k] === 0) continue;
        perStep[k].push(data.targets[i * horizon + k] - raw[(i * horizon + k) * Q + q]);
      }
    }
    const pooled = perStep.flat().sort((a, b) => a - b);
    return perStep.map((scores) => {
      const sorted = scores.length >= minCount ? scores.sort((a, b) => a - b) : pooled;
      return sorted.length >= minCount ? sortedQuantile(sorted, level) : 0;
    });
  });
}
