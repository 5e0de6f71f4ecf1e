import { createDecision, type Decision, InputValidationError } from '@shoppilot/core';
import { requireProbability } from '../distributions/probability';
import { allocateBudget, applyOrderConstraints, fmt } from '../policies/constraints';
import type { RuleOfThumbMode } from '../policies/rule-of-thumb';
import { forecastIssues, type QuantileForecastLike } from './forecast-input';
import type { QuantileAggregation } from './lead-time-demand';
import { type PlanSettings, planSku, position, type ReplenishPolicy, round, type SkuPlan } from './sku-plan';
import { type StockRecord, validateStockRecords } from './stock-input';

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
 */
export function replenish(
  forecasts: readonly QuantileForecastLike[],
  stock: readonly StockRecord[],
  options: ReplenishOptions = {},
): ReplenishResult {
  const settings = resolveSettings(options);
  const records = validateStockRecords(stock);
  const byId = indexForecasts(forecasts);
  const skipped: ReplenishResult['skipped'] = [];
  const planned: Array<{ record: StockRecord; plan: SkuPlan; forecast: QuantileForecastLike }> = [];
  for (const record of records) {
    const forecast = byId.get(record.sku);
    if (!forecast) {
      if (options.missingForecast === 'skip') {
        skipped.push({ sku: record.sku, reason: 'no forecast for this SKU' });
        continue;
      }
      throw new InputValidationError({
        issues: [{ sku: record.sku, field: 'forecast', message: 'no forecast for this SKU' }],
      });
    }
    planned.push({ record, plan: planSku(record, forecast, settings), forecast });
  }
  const quantities = planned.map(({ record, plan }) => constrain(record, plan, settings));
  const granted = applyBudget(planned, quantities, options.budget);
  const createdAt = (options.now ?? new Date()).toISOString();
  const decisions = planned.map(({ record, plan, forecast }, i) =>
    toDecision(
      record,
      plan,
      forecast,
      quantities[i],
      granted[i],
      settings,
      createdAt,
      options.version ?? '1',
    ),
  );
  const warnings = skipped.length ? [`${skipped.length} SKU(s) skipped: no forecast`] : [];
  return { decisions, skipped, warnings };
}

function resolveSettings(options: ReplenishOptions): PlanSettings {
  return {
    policy: options.policy ?? 'forecast-quantile',
    serviceLevel: requireProbability(options.serviceLevel ?? 0.95, 'serviceLevel'),
    serviceType: options.serviceType ?? 'cycle',
    reviewPeriod: options.reviewPeriod ?? 1,
    aggregation: options.aggregation ?? 'comonotonic',
    periodUnit: options.periodUnit ?? 'period',
    ruleMultiplier: options.ruleOfThumb?.multiplier ?? 0.2,
    ruleMode: options.ruleOfThumb?.mode ?? 'intended',
  };
}

function indexForecasts(forecasts: readonly QuantileForecastLike[]): Map<string, QuantileForecastLike> {
  const issues: ReturnType<typeof forecastIssues> = [];
  for (const forecast of forecasts) {
    const found = forecastIssues(forecast);
    if (found.length) issues.push(...found);
  }
  if (issues.length) throw new InputValidationError({ issues });
  return new Map(forecasts.map((f) => [f.id, f]));
}

interface Constrained {
  action: OrderAction;
  quantity: number;
  trigger: string;
  adjustments: string[];
}

function constrain(record: StockRecord, plan: SkuPlan, settings: PlanSettings): Constrained {
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
  const stockText = `on hand ${fmt(record.onHand)} + on order ${fmt(record.onOrder ?? 0)}${record.backorders ? ` - backorders ${fmt(record.backorders)}` : ''}`;
  const trigger = `${stockText} = ${fmt(round(ip))} ${below ? '<' : '>='} reorder point ${fmt(round(plan.reorderPoint))} = ${plan.explanation}`;
  if (action === 'hold') return { action, quantity: 0, trigger, adjustments: [] };
  const constrained = applyOrderConstraints(plan.orderUpTo - ip, ip, record);
  return { action, quantity: constrained.quantity, trigger, adjustments: constrained.adjustments };
}

function applyBudget(
  planned: ReadonlyArray<{ record: StockRecord; plan: SkuPlan }>,
  quantities: Constrained[],
  budget: number | undefined,
): number[] {
  if (budget === undefined) return quantities.map((q) => q.quantity);
  const lines = planned.map(({ record, plan }, i) => {
    if (quantities[i].quantity > 0 && !(Number(record.unitCost) > 0)) {
      throw new InputValidationError({
        issues: [
          {
            sku: record.sku,
            field: 'unitCost',
            message: 'a budget needs the unit cost of every ordering SKU',
          },
        ],
      });
    }
    const shortfall = (plan.reorderPoint - position(record)) / Math.max(plan.reorderPoint, 1);
    return {
      quantity: quantities[i].quantity,
      unitCost: record.unitCost ?? 1,
      priority: shortfall,
      casePack: record.casePack,
    };
  });
  return allocateBudget(lines, budget);
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
      `urgent: position ${fmt(round(ip))} is below the safety stock ${fmt(round(plan.safetyStock))}`,
    );
  if (constrained.action !== 'hold') {
    reasons.push(
      `order ${fmt(round(constrained.quantity))}: order-up-to ${fmt(round(plan.orderUpTo))} - position ${fmt(round(ip))} = ${fmt(round(plan.orderUpTo - ip))}${constrained.adjustments.length ? ', then the constraints below' : ''}`,
    );
    reasons.push(...plan.notes, ...constrained.adjustments);
    if (quantity < constrained.quantity)
      reasons.push(`cut from ${fmt(constrained.quantity)} to ${fmt(quantity)} by the shared budget`);
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
