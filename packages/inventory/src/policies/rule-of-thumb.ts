import { requireNonNegative } from './validate';

/**
 * `as-written`: the product brief's text, checked in its order (replenish now, else early warning,
 * else keep watching). `intended`: below the safety stock is urgent, below the reorder point is a
 * normal order, else hold.
 */
export type RuleOfThumbMode = 'intended' | 'as-written';

export type RuleOfThumbAction =
  | 'urgent'
  | 'order'
  | 'hold'
  | 'replenish-now'
  | 'early-warning'
  | 'keep-watching';

export interface RuleOfThumbInput {
  /** Stock compared with the thresholds (on hand, or on hand + on order). */
  stock: number;
  /** Predicted demand per period. */
  predictedDemand: number;
  /** Lead time in periods. */
  leadTime: number;
  /** Safety stock = multiplier x predicted demand. Default 0.2 (the brief's rule). */
  multiplier?: number;
  /** Default `intended`. */
  mode?: RuleOfThumbMode;
  /** Periods of demand an order covers beyond the reorder point. Default 1. */
  reviewPeriod?: number;
}

export interface RuleOfThumbResult {
  action: RuleOfThumbAction;
  safetyStock: number;
  /** predicted demand x lead time + safety stock. */
  reorderPoint: number;
  /** Order up to reorder point + predicted demand x review period; 0 when the action is hold. */
  orderQuantity: number;
}

/**
 * The brief's rule of thumb: safety stock = 0.2 x predicted demand; "replenish now" when stock <
 * predicted demand x lead time + safety stock; "early warning" when stock < safety stock; else "keep
 * watching". As written the early warning can never fire: with demand and lead time >= 0 the safety
 * stock is <= the reorder point, so any stock below the safety stock already triggered "replenish
 * now". The `intended` mode checks the more severe condition first.
 */
export function ruleOfThumb(input: RuleOfThumbInput): RuleOfThumbResult {
  const stock = requireNonNegative(input.stock, 'stock');
  const demand = requireNonNegative(input.predictedDemand, 'predictedDemand');
  const leadTime = requireNonNegative(input.leadTime, 'leadTime', true);
  const multiplier = requireNonNegative(input.multiplier ?? 0.2, 'multiplier');
  const review = requireNonNegative(input.reviewPeriod ?? 1, 'reviewPeriod');
  const safetyStock = multiplier * demand;
  const reorderPoint = demand * leadTime + safetyStock;
  const action =
    (input.mode ?? 'intended') === 'as-written'
      ? asWritten(stock, safetyStock, reorderPoint)
      : stock < safetyStock
        ? 'urgent'
        : stock < reorderPoint
          ? 'order'
          : 'hold';
  const ordering = action === 'urgent' || action === 'order' || action === 'replenish-now';
  const orderQuantity = ordering ? Math.max(0, reorderPoint + demand * review - stock) : 0;
  return { action, safetyStock, reorderPoint, orderQuantity };
}

function asWritten(stock: number, safetyStock: number, reorderPoint: number): RuleOfThumbAction {
  if (stock < reorderPoint) return 'replenish-now';
  if (stock < safetyStock) return 'early-warning';
  return 'keep-watching';
}
