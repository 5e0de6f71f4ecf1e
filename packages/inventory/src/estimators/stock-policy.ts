import { BaseEstimator, parseModelJson } from '@shoppilot/core';
import { requireProbability } from '../distributions/probability';
import { economicOrderQuantity } from '../policies/eoq';
import { type OrderRule, orderQuantity } from '../policies/order-rules';
import { levelForCycleService, levelForFillRate } from '../policies/safety-stock';
import { checkDemandFit, type DemandFit, type DemandModel, fitDemand, protectionDemand } from './demand-fit';

export interface StockPolicyOptions {
  /** `order-up-to` (base stock / (R, S)), `s-S` or `r-Q`. Default `order-up-to`. */
  rule?: OrderRule;
  /** Demand model. Default `normal`. */
  demand?: DemandModel;
  /** Target in (0, 1). Default 0.95. */
  serviceLevel?: number;
  /** `cycle` or `fill-rate`. Default `cycle`. */
  serviceType?: 'cycle' | 'fill-rate';
  /** Lead time in periods. Default 1. */
  leadTime?: number;
  /** Review period R: the order-up-to rule protects L + R periods. Default 1. */
  reviewPeriod?: number;
  /** Fixed cost per order (s-S, r-Q: Q = EOQ). Default 0 (then Q = one review period of demand). */
  orderingCost?: number;
  /** Holding cost per unit per period (for the EOQ). Default 1. */
  holdingCost?: number;
}

export interface StockPosition {
  onHand: number;
  onOrder?: number;
  backorders?: number;
}

export interface StockPolicyDecision {
  reorderPoint: number;
  orderUpTo: number;
  batchSize: number;
  safetyStock: number;
  inventoryPosition: number;
  quantity: number;
}

const KIND = 'inventory.stock-policy';

/**
 * Reorder point / order-up-to / (s, S) / (r, Q) as an estimator: `fit(history)` learns the demand
 * per period; `predict(position)` gives the levels and the order for a stock position.
 */
export class StockPolicy extends BaseEstimator<StockPolicyOptions, DemandFit> {
  readonly kind = KIND;

  constructor(options: StockPolicyOptions = {}) {
    super(options);
  }

  fit(history: readonly number[]): this {
    const o = this.options;
    const protection =
      (o.leadTime ?? 1) + ((o.rule ?? 'order-up-to') === 'order-up-to' ? (o.reviewPeriod ?? 1) : 0);
    return this.setState(fitDemand(history, protection, 'StockPolicy'));
  }

  predict(position: StockPosition): StockPolicyDecision {
    const fit = this.requireState();
    const o = this.options;
    const rule = o.rule ?? 'order-up-to';
    const level = requireProbability(o.serviceLevel ?? 0.95, 'serviceLevel');
    const batch = o.orderingCost
      ? economicOrderQuantity({
          fixedCost: o.orderingCost,
          holdingCost: o.holdingCost ?? 1,
          demandRate: Math.max(fit.mean, 1e-9),
        }).orderQuantity
      : Math.max(fit.mean * (o.reviewPeriod ?? 1), 1e-9);
    const demand = protectionDemand(fit, o.demand ?? 'normal', fit.periods);
    const target =
      (o.serviceType ?? 'cycle') === 'cycle'
        ? levelForCycleService(demand, level, 'mean')
        : levelForFillRate(
            demand,
            level,
            rule === 'order-up-to' ? Math.max(fit.mean * (o.reviewPeriod ?? 1), 1e-9) : batch,
            'mean',
          );
    const reorderPoint = target.level;
    const orderUpTo = rule === 'order-up-to' ? reorderPoint : reorderPoint + batch;
    const inventoryPosition = position.onHand + (position.onOrder ?? 0) - (position.backorders ?? 0);
    const quantity = orderQuantity({ rule, reorderPoint, orderUpTo, batchSize: batch }, inventoryPosition);
    return {
      reorderPoint,
      orderUpTo,
      batchSize: batch,
      safetyStock: target.safetyStock,
      inventoryPosition,
      quantity,
    };
  }

  static fromJSON(json: unknown): StockPolicy {
    const parsed = parseModelJson<StockPolicyOptions, DemandFit>(json, { kind: KIND, version: 1 });
    const policy = new StockPolicy(parsed.options);
    if (parsed.state !== null) policy.setState(checkDemandFit(parsed.state, KIND));
    return policy;
  }
}
