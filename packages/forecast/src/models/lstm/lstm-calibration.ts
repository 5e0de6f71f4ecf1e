import { sortedQuantile } from '../quantiles';
import type { SampleArrays } from './lstm-samples';

/**
 * Conformalised quantile regression (Romano, Patterson & Candès 2019) on the validation samples —
 * labels the network never trained on. For each pair of levels (τ, 1-τ) the score of a value is
 * E = max(q̂_τ - y, y - q̂_{1-τ}); the pair is widened (or narrowed) by the (1-2τ)-quantile of E,
 * pooled over every step, so that the interval covers 1-2τ of the validation values. Pooling and
 * the two-sided score keep a common shock of the validation weeks from moving the bands (a
 * per-step, one-sided shift did, and lost coverage on the next weeks). A level without a partner
 * gets the one-sided shift (τ-quantile of y - q̂_τ); the median is left as learned.
 * Returns shifts[level][step] in the standardised scale (0 with fewer than `minCount` values).
 */
export function conformalShifts(
  raw: Float32Array,
  data: SampleArrays,
  levels: readonly number[],
  horizon: number,
  minCount = 30,
): number[][] {
  const Q = levels.length;
  const values = (visit: (i: number, k: number, y: number) => number) => {
    const out: number[] = [];
    for (let i = 0; i < data.count; i++) {
      for (let k = 0; k < horizon; k++)
        if (data.mask[i * horizon + k] !== 0) out.push(visit(i, k, data.targets[i * horizon + k]));
    }
    return out.sort((a, b) => a - b);
  };
  const at = (i: number, k: number, q: number) => raw[(i * horizon + k) * Q + q];
  const shift = levels.map((level, q) => {
    if (level === 0.5) return 0;
    const partner = levels.findIndex((other) => Math.abs(other - (1 - level)) < 1e-9);
    if (partner < 0) {
      const scores = values((i, k, y) => y - at(i, k, q));
      return scores.length >= minCount ? sortedQuantile(scores, level) : 0;
    }
    const [low, high] = level < 0.5 ? [q, partner] : [partner, q];
    const scores = values((i, k, y) => Math.max(at(i, k, low) - y, y - at(i, k, high)));
    if (scores.length < minCount) return 0;
    const width = sortedQuantile(scores, 1 - 2 * Math.min(level, 1 - level));
    return level < 0.5 ? -width : width;
  });
  return shift.map((s) => new Array(horizon).fill(s));
}
