import { createDecision, type Decision } from '@shoppilot/core';
import { applyOrderConstraints, fmt } from '../policies/constraints';
import type { QuantileForecastLike } from './forecast-input';
import { text } from './reason-text';
import type { OrderAction, OrderDecision } from './replenish';
import { type PlanSettings, planSku, position, round, type SkuPlan } from './sku-plan';
import type { StockRecord } from './stock-input';

/**
 * The per-SKU path of `replenish`: plan, constraints, then the `Decision` with its reasons. The batch
 * path (`planOrders`) computes the same quantities without text and calls this when a decision is
 * wanted; `quantity` is the granted quantity (after a shared budget).
 */
export function decideSku(
  record: StockRecord,
  forecast: QuantileForecastLike,
  quantity: number | undefined,
  settings: PlanSettings,
  createdAt: string,
  version: string,
): Decision<OrderDecision> {
  const plan = planSku(record, forecast, settings);
  const constrained = constrain(record, plan, settings);
  return toDecision(
    record,
    plan,
    forecast,
    constrained,
    quantity ?? constrained.quantity,
    settings,
    createdAt,
    version,
  );
}

export interface Constrained {
  action: OrderAction;
  quantity: number;
  trigger: string;
  adjustments: string[];
}

export function constrain(record: StockRecord, plan: SkuPlan, settings: PlanSettings): Constrained {
  const ip = position(record);
  const urgent = ip < plan.safetyStock || plan.ruleAction === 'urgent';
  const below = plan.ruleAction
    ? plan.ruleAction !== 'hold' && plan.ruleAction !== 'keep-watching'
    : ip < plan.reorderPoint;
  const action: OrderAction = !below
    ? 'hold'
    : urgent && settings.policy !== 'newsvendor'
      ? 'urgent'
      : 'order';
  const trigger = text(
    'on hand ',
    fmt(record.onHand),
    ' + on order ',
    fmt(record.onOrder ?? 0),
    record.backorders ? ` - backorders ${fmt(record.backorders)}` : '',
    ' = ',
    fmt(round(ip)),
    below ? ' < reorder point ' : ' >= reorder point ',
    fmt(round(plan.reorderPoint)),
    ' = ',
    plan.explanation,
  );
  if (action === 'hold') return { action, quantity: 0, trigger, adjustments: [] };
  const constrained = applyOrderConstraints(plan.orderUpTo - ip, ip, record);
  return { action, quantity: constrained.quantity, trigger, adjustments: constrained.adjustments };
}

function toDecision(
  record: StockRecord,
  plan: SkuPlan,
  forecast: QuantileForecastLike,
  constrained: Constrained,
  quantity: number,
  settings: PlanSettings,
  createdAt: string,
  version: string,
): Decision<OrderDecision> {
  const ip = position(record);
  const reasons = [constrained.trigger];
  if (constrained.action === 'urgent')
    reasons.push(
      text('urgent: position ', fmt(round(ip)), ' is below the safety stock ', fmt(round(plan.safetyStock))),
    );
  if (constrained.action !== 'hold') {
    reasons.push(
      text(
        'order ',
        fmt(round(constrained.quantity)),
        ': order-up-to ',
        fmt(round(plan.orderUpTo)),
        ' - position ',
        fmt(round(ip)),
        ' = ',
        fmt(round(plan.orderUpTo - ip)),
        constrained.adjustments.length ? ', then the constraints below' : '',
      ),
    );
    reasons.push(...plan.notes, ...constrained.adjustments);
    if (quantity < constrained.quantity)
      reasons.push(
        text('cut from ', fmt(constrained.quantity), ' to ', fmt(quantity), ' by the shared budget'),
      );
  } else reasons.push('no order');
  const orderValue = record.unitCost !== undefined ? quantity * record.unitCost : undefined;
  const value: OrderDecision = {
    sku: record.sku,
    action: quantity > 0 || constrained.action === 'hold' ? constrained.action : 'hold',
    quantity,
    orderValue,
    inventoryPosition: ip,
    reorderPoint: plan.reorderPoint,
    orderUpTo: plan.orderUpTo,
    safetyStock: plan.safetyStock,
    leadTimeDemand: plan.leadTimeDemand,
    policy: settings.policy,
    ruleAction: plan.ruleAction,
  };
  return createDecision({
    value,
    reasons,
    model: { name: `inventory.${settings.policy}`, version },
    createdAt,
    subject: record.sku,
    inputs: {
      stock: record,
      serviceLevel: record.serviceLevel ?? settings.serviceLevel,
      forecastDates: forecast.dates?.slice(
        0,
        Math.ceil(record.leadTime + (record.reviewPeriod ?? settings.reviewPeriod)),
      ),
    },
    magnitude: orderValue ?? quantity,
  });
}
