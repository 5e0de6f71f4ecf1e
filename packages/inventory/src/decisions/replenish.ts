import type { Decision } from '@shoppilot/core';
import type { RuleOfThumbMode } from '../policies/rule-of-thumb';
import type { QuantileForecastLike } from './forecast-input';
import type { QuantileAggregation } from './lead-time-demand';
import { planOrders } from './order-batch';
import type { ReplenishPolicy } from './sku-plan';
import type { StockRecord } from './stock-input';

export interface ReplenishOptions {
  /** Default `forecast-quantile`: order up to quantiles of the forecast lead-time demand. */
  policy?: ReplenishPolicy;
  /** Target service in (0, 1). Default 0.95. */
  serviceLevel?: number;
  /** `cycle` (probability of no stock-out per cycle) or `fill-rate` (share of demand served). Default `cycle`. */
  serviceType?: 'cycle' | 'fill-rate';
  /** Periods between reviews: an order covers this much demand beyond the reorder point. Default 1. */
  reviewPeriod?: number;
  /** How per-period quantiles add up over the lead time. Default `comonotonic`. */
  aggregation?: QuantileAggregation;
  /** Word for one forecast period in reasons (`day`, `week`). Default `period`. */
  periodUnit?: string;
  /** Rule-of-thumb settings. Defaults: multiplier 0.2, mode `intended`. */
  ruleOfThumb?: { multiplier?: number; mode?: RuleOfThumbMode };
  /** One budget for all orders of this run (needs unitCost on every ordering SKU). Default none. */
  budget?: number;
  /** What to do with a stock SKU that has no forecast. Default `error`. */
  missingForecast?: 'error' | 'skip';
  /** Model version recorded on each decision. Default `1`. */
  version?: string;
  /** Decision time (for reproducible output). Default now. */
  now?: Date;
}

export type OrderAction = 'urgent' | 'order' | 'hold';

/** The value of a replenishment decision. */
export interface OrderDecision {
  sku: string;
  action: OrderAction;
  /** Units to order (after MOQ, case pack, shelf and budget). */
  quantity: number;
  /** quantity x unitCost, when the unit cost is known. */
  orderValue?: number;
  inventoryPosition: number;
  reorderPoint: number;
  orderUpTo: number;
  safetyStock: number;
  leadTimeDemand: number;
  policy: ReplenishPolicy;
  /** The rule-of-thumb's own action label (`replenish-now`, `keep-watching`...), for that policy. */
  ruleAction?: string;
}

export interface ReplenishResult {
  decisions: Decision<OrderDecision>[];
  /** SKUs left out (only with `missingForecast: 'skip'`), with the reason. */
  skipped: Array<{ sku: string; reason: string }>;
  warnings: string[];
}

/**
 * Replenishment decisions for every SKU in `stock` from its quantile forecast: each one a core
 * `Decision` with the quantity, readable reasons, the policy and its inputs; `magnitude` is the
 * order value (or units when the unit cost is unknown), so an `ApprovalGate` threshold applies to it.
 * For very many SKUs, `planOrders` gives the same numbers as columns and builds decisions on demand.
 */
export function replenish(
  forecasts: readonly QuantileForecastLike[],
  stock: readonly StockRecord[],
  options: ReplenishOptions = {},
): ReplenishResult {
  const batch = planOrders(forecasts, stock, options);
  const decisions = new Array<Decision<OrderDecision>>(batch.skus.length);
  for (let i = 0; i < decisions.length; i++) decisions[i] = batch.decision(i);
  return { decisions, skipped: batch.skipped, warnings: batch.warnings };
}
