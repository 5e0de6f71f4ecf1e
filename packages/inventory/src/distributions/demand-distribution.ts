/**
 * A demand distribution as inventory formulas need it: a CDF, a quantile function and the loss
 * function E[(D - x)^+] (expected units short when x are stocked). Discrete ones take integer values;
 * their `quantile(p)` is the smallest integer k with F(k) >= p, and `loss` is linear between integers.
 */
export interface DemandDistribution {
  readonly kind: 'normal' | 'poisson' | 'negative-binomial' | 'gamma' | 'empirical' | 'quantiles';
  readonly mean: number;
  readonly sd: number;
  readonly discrete: boolean;
  cdf(x: number): number;
  quantile(p: number): number;
  /** First-order loss E[(D - x)^+]. */
  loss(x: number): number;
}

/** Bisection on a non-decreasing function: the smallest x in [low, high] with f(x) >= target (to `tolerance`). */
export function bisectIncreasing(
  f: (x: number) => number,
  target: number,
  low: number,
  high: number,
  tolerance = 1e-10,
): number {
  for (let i = 0; i < 200 && high - low > tolerance * Math.max(1, Math.abs(high)); i++) {
    const middle = (low + high) / 2;
    if (f(middle) >= target) high = middle;
    else low = middle;
  }
  return high;
}
