import type { UserQuery } from './recommender';

/**
 * Weight of each history position: 1, or `0.5^(steps from the end / halfLife)` with a
 * positional half-life, or `0.5^(age / halfLife)` with a time half-life (age from `query.now` or
 * the last history time). Used by the neighbourhood models to favour recent items.
 */
export function historyWeights(
  query: UserQuery,
  decay: { positionHalfLife?: number; timeHalfLife?: number },
): Float64Array {
  const n = query.items.length;
  const out = new Float64Array(n).fill(1);
  if (decay.positionHalfLife && decay.positionHalfLife > 0) {
    for (let k = 0; k < n; k++) out[k] *= 0.5 ** ((n - 1 - k) / decay.positionHalfLife);
  }
  if (decay.timeHalfLife && decay.timeHalfLife > 0 && query.times && n > 0) {
    const now = query.now ?? query.times[n - 1];
    for (let k = 0; k < n; k++) out[k] *= 0.5 ** (Math.max(0, now - query.times[k]) / decay.timeHalfLife);
  }
  return out;
}
