import type { DemandDistribution } from '../distributions/demand-distribution';
import { bisectIncreasing } from '../distributions/demand-distribution';
import {
  inverseStandardNormalLoss,
  standardNormalLoss,
  standardNormalQuantile,
} from '../distributions/normal';
import { requireProbability } from '../distributions/probability';
import { requireNonNegative } from './validate';

export interface LeadTimeDemandInput {
  /** Mean demand per period. */
  demandMean: number;
  /** Standard deviation of demand per period (periods independent). */
  demandSd: number;
  /** Mean lead time in periods (> 0). */
  leadTime: number;
  /** Standard deviation of the lead time in periods. Default 0. */
  leadTimeSd?: number;
  /**
   * Review period R added to the protection interval (periodic review protects L + R periods).
   * Default 0 (continuous review).
   */
  reviewPeriod?: number;
}

export interface LeadTimeDemandMoments {
  /** Protection interval L + R in periods. */
  periods: number;
  mean: number;
  /** sqrt((L + R) sigma_d^2 + d^2 sigma_L^2). */
  sd: number;
}

/** Mean and standard deviation of demand over the lead time (plus review period) with random lead times. */
export function leadTimeDemand(input: LeadTimeDemandInput): LeadTimeDemandMoments {
  const d = requireNonNegative(input.demandMean, 'demandMean');
  const sd = requireNonNegative(input.demandSd, 'demandSd');
  const leadTime = requireNonNegative(input.leadTime, 'leadTime', true);
  const leadTimeSd = requireNonNegative(input.leadTimeSd ?? 0, 'leadTimeSd');
  const periods = leadTime + requireNonNegative(input.reviewPeriod ?? 0, 'reviewPeriod');
  return {
    periods,
    mean: d * periods,
    sd: Math.sqrt(periods * sd * sd + d * d * leadTimeSd * leadTimeSd),
  };
}

export interface SafetyStockResult {
  /** Safety factor z (k). */
  z: number;
  safetyStock: number;
  /** Mean lead-time (+ review) demand plus the safety stock: the reorder point or order-up-to level. */
  reorderPoint: number;
  leadTimeDemand: LeadTimeDemandMoments;
}

/**
 * Safety stock for a cycle service level (type 1: probability of no stock-out per cycle), normal
 * lead-time demand with demand and lead-time variability: SS = z * sqrt(L sigma_d^2 + d^2 sigma_L^2),
 * z = Phi^-1(serviceLevel) (Silver, Pyke & Thomas 2017, section 6.7; Chopra & Meindl ch. 12).
 */
export function safetyStockForCycleService(
  input: LeadTimeDemandInput & { serviceLevel: number },
): SafetyStockResult {
  const z = standardNormalQuantile(requireProbability(input.serviceLevel, 'serviceLevel'));
  const moments = leadTimeDemand(input);
  const safetyStock = z * moments.sd;
  return { z, safetyStock, reorderPoint: moments.mean + safetyStock, leadTimeDemand: moments };
}

/**
 * Safety stock for a fill rate (type 2: share of demand served from stock), normal lead-time demand:
 * the expected shortage per replenishment cycle sigma_L G(z) must equal (1 - fillRate) Q, where Q is
 * the order quantity (demand per cycle; for periodic review d R). z solves G(z) = (1 - beta) Q / sigma_L
 * (Silver, Pyke & Thomas 2017, eq. 7.15). z may be negative when Q is large relative to sigma_L.
 */
export function safetyStockForFillRate(
  input: LeadTimeDemandInput & { fillRate: number; orderQuantity: number },
): SafetyStockResult {
  const beta = requireProbability(input.fillRate, 'fillRate');
  const orderQuantity = requireNonNegative(input.orderQuantity, 'orderQuantity', true);
  const moments = leadTimeDemand(input);
  if (moments.sd === 0) return { z: 0, safetyStock: 0, reorderPoint: moments.mean, leadTimeDemand: moments };
  const z = inverseStandardNormalLoss(((1 - beta) * orderQuantity) / moments.sd);
  const safetyStock = z * moments.sd;
  return { z, safetyStock, reorderPoint: moments.mean + safetyStock, leadTimeDemand: moments };
}

/** Fill rate achieved by a reorder point with normal lead-time demand: 1 - sigma_L G(z) / Q. */
export function fillRateOfNormalReorderPoint(
  moments: LeadTimeDemandMoments,
  reorderPoint: number,
  orderQuantity: number,
): number {
  if (moments.sd === 0)
    return reorderPoint >= moments.mean ? 1 : 1 - (moments.mean - reorderPoint) / orderQuantity;
  return 1 - (moments.sd * standardNormalLoss((reorderPoint - moments.mean) / moments.sd)) / orderQuantity;
}

export interface QuantileLevelResult {
  /** The stock level: reorder point or order-up-to level. */
  level: number;
  /** The level minus the distribution's centre (its median by default). */
  safetyStock: number;
  /** The centre it is measured from. */
  center: number;
}

/**
 * Order up to the p-quantile of lead-time demand, directly from a (forecast) distribution of any
 * shape: level = F^-1(serviceLevel); the safety stock is that level minus the median (or the mean).
 */
export function levelForCycleService(
  distribution: DemandDistribution,
  serviceLevel: number,
  center: 'median' | 'mean' = 'median',
): QuantileLevelResult {
  const level = distribution.quantile(requireProbability(serviceLevel, 'serviceLevel'));
  const middle = center === 'mean' ? distribution.mean : distribution.quantile(0.5);
  return { level, safetyStock: level - middle, center: middle };
}

/**
 * The smallest level S whose expected shortage E[(D - S)^+] is at most (1 - fillRate) * cycleDemand,
 * for any demand distribution (type-2 service through the distribution's own loss function).
 * Discrete distributions get an integer level.
 */
export function levelForFillRate(
  distribution: DemandDistribution,
  fillRate: number,
  cycleDemand: number,
  center: 'median' | 'mean' = 'median',
): QuantileLevelResult {
  const target =
    (1 - requireProbability(fillRate, 'fillRate')) * requireNonNegative(cycleDemand, 'cycleDemand', true);
  const shortfall = (s: number) => -distribution.loss(s);
  let low = Math.min(0, distribution.mean - 10 * distribution.sd);
  let high = distribution.mean + 10 * distribution.sd + 1;
  while (distribution.loss(high) > target) high = 2 * high + 1;
  if (distribution.loss(low) <= target) low = -Math.abs(low) - 1;
  let level = bisectIncreasing(shortfall, -target, low, high, 1e-12);
  if (distribution.discrete) {
    level = Math.ceil(level - 1e-9);
    while (distribution.loss(level - 1) <= target) level--;
  }
  const middle = center === 'mean' ? distribution.mean : distribution.quantile(0.5);
  return { level, safetyStock: level - middle, center: middle };
}
