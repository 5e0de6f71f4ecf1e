import { InvalidArgumentError } from '@shoppilot/core';
import { safetyStockForCycleService } from './safety-stock';
import { requireNonNegative } from './validate';

/** How an order quantity follows from the levels. */
export type OrderRule =
  /** Order up to S whenever the position is below S (base stock, (R, S) at each review). */
  | 'order-up-to'
  /** (s, S): when the position is below s, order up to S. */
  | 's-S'
  /** (r, Q): when the position is at or below r, order enough batches of Q to rise above r. */
  | 'r-Q';

export interface OrderLevels {
  rule: OrderRule;
  /** s or r: the trigger level. For `order-up-to` it equals `orderUpTo`. */
  reorderPoint: number;
  /** S. Unused by `r-Q`. */
  orderUpTo?: number;
  /** Q. Required by `r-Q`. */
  batchSize?: number;
}

/** The unconstrained order quantity for an inventory position (on hand + on order - backorders). */
export function orderQuantity(levels: OrderLevels, inventoryPosition: number): number {
  const { rule, reorderPoint } = levels;
  if (rule === 'r-Q') {
    const Q = requireNonNegative(levels.batchSize ?? Number.NaN, 'batchSize', true);
    if (inventoryPosition > reorderPoint) return 0;
    return Q * (Math.floor((reorderPoint - inventoryPosition) / Q) + 1);
  }
  const target = levels.orderUpTo ?? reorderPoint;
  if (target < reorderPoint) {
    throw new InvalidArgumentError({
      argument: 'orderUpTo',
      message: `must be >= the reorder point ${reorderPoint}`,
      value: target,
    });
  }
  const trigger = rule === 'order-up-to' ? target : reorderPoint;
  return inventoryPosition < trigger ? target - inventoryPosition : 0;
}

/**
 * Periodic review (R, S): S = d (L + R) + z sqrt((L + R) sigma_d^2 + d^2 sigma_L^2), the order-up-to
 * level that covers demand until the order after next arrives; see `safetyStockForCycleService`
 * with `reviewPeriod`. (s, S) from an (r, Q) solution: s = r, S = r + Q (a standard approximation).
 */
export function sSFromRQ(reorderPoint: number, batchSize: number): OrderLevels {
  return {
    rule: 's-S',
    reorderPoint,
    orderUpTo: reorderPoint + requireNonNegative(batchSize, 'batchSize', true),
  };
}

export interface PeriodicReviewInput {
  demandMean: number;
  demandSd: number;
  leadTime: number;
  leadTimeSd?: number;
  /** Review period R (> 0). */
  reviewPeriod: number;
  serviceLevel: number;
}

/**
 * Periodic review (R, S) order-up-to level for normal demand: S = d (L + R) + z sqrt((L + R)
 * sigma_d^2 + d^2 sigma_L^2); at each review order S minus the inventory position.
 */
export function periodicReviewOrderUpTo(input: PeriodicReviewInput): {
  orderUpTo: number;
  safetyStock: number;
  z: number;
} {
  requireNonNegative(input.reviewPeriod, 'reviewPeriod', true);
  const result = safetyStockForCycleService(input);
  return { orderUpTo: result.reorderPoint, safetyStock: result.safetyStock, z: result.z };
}
