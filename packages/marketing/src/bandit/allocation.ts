import { InvalidArgumentError } from '@shoppilot/core';

export interface BudgetConstraints {
  /** Budget to split this period. */
  totalBudget: number;
  /** Per-channel minimum spend. Default 0 each. */
  minimum?: readonly number[];
  /** Per-channel maximum spend. Default unlimited. */
  maximum?: readonly number[];
  /**
   * Share of the total spread evenly over all channels before the rest follows the policy, so
   * every channel keeps producing evidence. Default 0.05.
   */
  explorationShare?: number;
}

/**
 * Splits `totalBudget` across channels in proportion to `weights` (a policy's preferences,
 * e.g. P(best) or Thompson winner shares) subject to the constraints: each channel first gets
 * max(minimum, explorationShare * total / K) (capped at its maximum); the rest is water-filled in
 * proportion to the weights, clipping at maxima and redistributing the excess; channels with zero
 * weight get nothing more unless every remaining channel has zero weight (then an even split).
 * Throws `InvalidArgumentError` when the minima exceed the total or the maxima cannot absorb it.
 * Allocation-free except for the returned array (reuse `out` on hot paths).
 */
export function splitBudget(
  weights: ArrayLike<number>,
  constraints: BudgetConstraints,
  out: Float64Array = new Float64Array(weights.length),
): Float64Array {
  const k = weights.length;
  const total = constraints.totalBudget;
  const exploration = ((constraints.explorationShare ?? 0.05) * total) / k;
  let assigned = 0;
  let room = 0;
  for (let i = 0; i < k; i++) {
    const max = constraints.maximum?.[i] ?? Number.POSITIVE_INFINITY;
    out[i] = Math.min(Math.max(constraints.minimum?.[i] ?? 0, exploration), max);
    assigned += out[i];
    room += max - out[i];
  }
  let remaining = total - assigned;
  if (remaining < -1e-9 * total || !(total >= 0)) {
    throw new InvalidArgumentError({
      argument: 'totalBudget',
      message: `below the sum of per-channel floors (${assigned})`,
      value: total,
    });
  }
  if (remaining > room + 1e-9 * total) {
    throw new InvalidArgumentError({
      argument: 'totalBudget',
      message: 'exceeds what the channel maxima can absorb',
      value: total,
    });
  }
  for (let round = 0; round < k && remaining > 1e-12 * Math.max(total, 1); round++) {
    remaining = fillRound(weights, constraints.maximum, out, remaining);
  }
  return out;
}

/** One water-filling round; returns the budget still unplaced (because of maxima). */
function fillRound(
  weights: ArrayLike<number>,
  maximum: readonly number[] | undefined,
  out: Float64Array,
  remaining: number,
): number {
  const k = weights.length;
  let weightSum = 0;
  let open = 0;
  for (let i = 0; i < k; i++) {
    if (out[i] < (maximum?.[i] ?? Number.POSITIVE_INFINITY)) {
      open++;
      weightSum += Math.max(0, weights[i]);
    }
  }
  if (open === 0) return 0;
  let left = remaining;
  for (let i = 0; i < k; i++) {
    const max = maximum?.[i] ?? Number.POSITIVE_INFINITY;
    if (out[i] >= max) continue;
    const share = weightSum > 0 ? Math.max(0, weights[i]) / weightSum : 1 / open;
    const give = Math.min(remaining * share, max - out[i]);
    out[i] += give;
    left -= give;
  }
  return left;
}

/** Checks the constraints' shapes once (lengths, non-negative, min <= max). */
export function validateBudgetConstraints(constraints: BudgetConstraints, channels: number): void {
  const { totalBudget, minimum, maximum, explorationShare } = constraints;
  if (!(Number.isFinite(totalBudget) && totalBudget >= 0)) {
    throw new InvalidArgumentError({
      argument: 'totalBudget',
      message: 'must be a finite number >= 0',
      value: totalBudget,
    });
  }
  for (const [name, list] of [
    ['minimum', minimum],
    ['maximum', maximum],
  ] as const) {
    if (list && list.length !== channels) {
      throw new InvalidArgumentError({
        argument: name,
        message: `needs one value per channel (${channels})`,
        value: list.length,
      });
    }
    list?.forEach((value, i) => {
      if (!(value >= 0))
        throw new InvalidArgumentError({ argument: `${name}[${i}]`, message: 'must be >= 0', value });
      if (name === 'maximum' && minimum && value < minimum[i]) {
        throw new InvalidArgumentError({ argument: `maximum[${i}]`, message: 'must be >= minimum', value });
      }
    });
  }
  if (explorationShare !== undefined && !(explorationShare >= 0 && explorationShare <= 1)) {
    throw new InvalidArgumentError({
      argument: 'explorationShare',
      message: 'must be in [0, 1]',
      value: explorationShare,
    });
  }
}
