import { normalDemand } from '../distributions/continuous';
import type { DemandDistribution } from '../distributions/demand-distribution';
import { requireNonNegative } from './validate';

export interface NewsvendorCosts {
  /** Overage cost h per unit left over. */
  holdingCost: number;
  /** Underage cost p per unit short. */
  stockoutCost: number;
}

export interface NewsvendorResult {
  /** Optimal order-up-to level S* = F^-1(p / (p + h)). */
  orderUpTo: number;
  /** p / (p + h). */
  criticalRatio: number;
  /** Expected cost h E[(S - D)^+] + p E[(D - S)^+] at S*. */
  cost: number;
}

/** Expected newsvendor cost of stocking S: h E[(S - D)^+] + p E[(D - S)^+], with E[(S - D)^+] = S - mean + loss(S). */
export function newsvendorCost(
  distribution: DemandDistribution,
  costs: NewsvendorCosts,
  level: number,
): number {
  const loss = distribution.loss(level);
  return costs.holdingCost * (level - distribution.mean + loss) + costs.stockoutCost * loss;
}

/**
 * The newsvendor solution for any demand distribution (normal, Poisson, negative binomial, gamma,
 * empirical, quantile forecast): S* = F^-1(p / (p + h)). For discrete and empirical distributions
 * this is the smallest S with F(S) >= p / (p + h), which minimises the expected cost.
 */
export function newsvendor(distribution: DemandDistribution, costs: NewsvendorCosts): NewsvendorResult {
  const h = requireNonNegative(costs.holdingCost, 'holdingCost', true);
  const p = requireNonNegative(costs.stockoutCost, 'stockoutCost', true);
  const criticalRatio = p / (p + h);
  const orderUpTo = distribution.quantile(criticalRatio);
  return { orderUpTo, criticalRatio, cost: newsvendorCost(distribution, costs, orderUpTo) };
}

/** Normal newsvendor: S* = mu + sigma z*, cost (h + p) sigma phi(z*) (stockpyl's `newsvendor_normal`). */
export function newsvendorNormal(input: NewsvendorCosts & { mean: number; sd: number }): NewsvendorResult {
  return newsvendor(normalDemand(input.mean, input.sd), input);
}
