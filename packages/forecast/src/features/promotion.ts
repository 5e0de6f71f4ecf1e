import { InvalidArgumentError } from '@shoppilot/core';

export interface PromotionIntensityOptions {
  /** Periods (up to and including t) whose highest price is the regular price. Default 8. */
  referenceWindow?: number;
  /** Promotion flags (deal, feature ad, display…), each 0/1 or a share, aligned with the price. */
  flags?: Readonly<Record<string, ArrayLike<number>>>;
  /** Weight of each flag in the index. Default 1 each. */
  weights?: Readonly<Record<string, number>>;
}

export interface PromotionIntensity {
  /** Regular price: highest price over the reference window (past and current only). */
  regularPrice: Float64Array;
  /** Discount depth max(0, 1 - price / regular price), 0..1. */
  depth: Float64Array;
  /** depth + Σ weight·flag: one number for how hard the item is promoted. */
  intensity: Float64Array;
}

/**
 * Promotion intensity from a price series and promotion flags. The regular price looks back only,
 * so the feature uses nothing after t beyond the planned price and flags at t.
 */
export function promotionIntensity(
  price: ArrayLike<number>,
  options: PromotionIntensityOptions = {},
): PromotionIntensity {
  const window = options.referenceWindow ?? 8;
  if (!Number.isInteger(window) || window < 1) {
    throw new InvalidArgumentError({
      argument: 'referenceWindow',
      message: 'must be an integer >= 1',
      value: window,
    });
  }
  const n = price.length;
  const regularPrice = new Float64Array(n).fill(Number.NaN);
  const depth = new Float64Array(n).fill(Number.NaN);
  for (let t = 0; t < n; t++) {
    let max = Number.NaN;
    for (let j = Math.max(0, t - window + 1); j <= t; j++) {
      if (!Number.isNaN(price[j]) && (Number.isNaN(max) || price[j] > max)) max = price[j];
    }
    regularPrice[t] = max;
    depth[t] = max > 0 && !Number.isNaN(price[t]) ? Math.max(0, 1 - price[t] / max) : Number.NaN;
  }
  const intensity = Float64Array.from(depth);
  for (const [name, flag] of Object.entries(options.flags ?? {})) {
    if (flag.length !== n) {
      throw new InvalidArgumentError({
        argument: `flags.${name}`,
        message: `has ${flag.length} values, the price has ${n}`,
        value: flag.length,
      });
    }
    const weight = options.weights?.[name] ?? 1;
    for (let t = 0; t < n; t++) intensity[t] += weight * flag[t];
  }
  return { regularPrice, depth, intensity };
}
