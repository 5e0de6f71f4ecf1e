import { type Decision, InputValidationError } from '@shoppilot/core';
import { requireProbability } from '../distributions/probability';
import { interpolateQuantile } from '../distributions/quantile-demand';
import { allocateBudget, applyOrderConstraints } from '../policies/constraints';
import { forecastIssues, type QuantileForecastLike } from './forecast-input';
import { bandSumsInto, checkHorizon } from './lead-time-demand';
import type { OrderAction, OrderDecision, ReplenishOptions } from './replenish';
import { constrain, decideSku } from './sku-decision';
import { type PlanSettings, planSku, position } from './sku-plan';
import { type StockRecord, validateStockRecords } from './stock-input';

/** `OrderBatch.action` codes: index into this list. */
export const ORDER_ACTIONS: readonly OrderAction[] = ['hold', 'order', 'urgent'];

/**
 * Replenishment for many SKUs as columns (typed arrays, one entry per planned SKU in stock order):
 * the numbers of every decision without building its text. `decision(i)` builds the full `Decision`
 * of entry i on demand — the same object `replenish` returns for that SKU, reasons included.
 */
export interface OrderBatch {
  /** Planned SKUs in stock order (those skipped for want of a forecast are left out). */
  readonly skus: readonly string[];
  /** Final action per SKU as an index into `ORDER_ACTIONS` (hold when nothing is ordered). */
  readonly action: Uint8Array;
  /** Units to order, after MOQ, case pack, shelf and budget. */
  readonly quantity: Float64Array;
  readonly inventoryPosition: Float64Array;
  readonly reorderPoint: Float64Array;
  readonly orderUpTo: Float64Array;
  readonly safetyStock: Float64Array;
  readonly leadTimeDemand: Float64Array;
  /** SKUs left out (only with `missingForecast: 'skip'`), with the reason. */
  readonly skipped: Array<{ sku: string; reason: string }>;
  readonly warnings: string[];
  /** The `Decision` of entry `i`, with reasons, identical to `replenish`'s. */
  decision(i: number): Decision<OrderDecision>;
}

interface Columns {
  action: Uint8Array;
  quantity: Float64Array;
  position: Float64Array;
  reorderPoint: Float64Array;
  orderUpTo: Float64Array;
  safetyStock: Float64Array;
  leadTimeDemand: Float64Array;
}

/**
 * Plans orders for every SKU in `stock` (same inputs, options, validation and errors as `replenish`).
 * The common case — `forecast-quantile` at a cycle service level with comonotonic sums over quantile
 * bands — runs without allocating per SKU; other policies go through the per-SKU planner.
 */
export function planOrders(
  forecasts: readonly QuantileForecastLike[],
  stock: readonly StockRecord[],
  options: ReplenishOptions = {},
): OrderBatch {
  const settings = resolveSettings(options);
  const records = validateStockRecords(stock);
  const byId = indexForecasts(forecasts);
  const skipped: OrderBatch['skipped'] = [];
  const planned: StockRecord[] = [];
  const matched: QuantileForecastLike[] = [];
  for (const record of records) {
    const forecast = byId.get(record.sku);
    if (forecast) {
      planned.push(record);
      matched.push(forecast);
    } else if (options.missingForecast === 'skip') {
      skipped.push({ sku: record.sku, reason: 'no forecast for this SKU' });
    } else {
      throw new InputValidationError({
        issues: [{ sku: record.sku, field: 'forecast', message: 'no forecast for this SKU' }],
      });
    }
  }
  const n = planned.length;
  const columns: Columns = {
    action: new Uint8Array(n),
    quantity: new Float64Array(n),
    position: new Float64Array(n),
    reorderPoint: new Float64Array(n),
    orderUpTo: new Float64Array(n),
    safetyStock: new Float64Array(n),
    leadTimeDemand: new Float64Array(n),
  };
  const fast = new FastQuantilePlanner(settings);
  for (let i = 0; i < n; i++) {
    if (!fast.plan(planned[i], matched[i], columns, i))
      planGeneral(planned[i], matched[i], settings, columns, i);
  }
  const granted = options.budget === undefined ? undefined : applyBudget(planned, columns, options.budget);
  if (granted) columns.quantity.set(granted);
  for (let i = 0; i < n; i++) if (!(columns.quantity[i] > 0)) columns.action[i] = 0;
  const createdAt = (options.now ?? new Date()).toISOString();
  const version = options.version ?? '1';
  return {
    skus: planned.map((record) => record.sku),
    action: columns.action,
    quantity: columns.quantity,
    inventoryPosition: columns.position,
    reorderPoint: columns.reorderPoint,
    orderUpTo: columns.orderUpTo,
    safetyStock: columns.safetyStock,
    leadTimeDemand: columns.leadTimeDemand,
    skipped,
    warnings: skipped.length ? [`${skipped.length} SKU(s) skipped: no forecast`] : [],
    decision: (i) => decideSku(planned[i], matched[i], granted?.[i], settings, createdAt, version),
  };
}

/**
 * The comonotonic forecast-quantile plan of `planSku` (its fast case) as numbers only, into columns.
 * Same arithmetic on the same band sums, so the numbers equal the per-SKU path's.
 */
class FastQuantilePlanner {
  readonly #settings: PlanSettings;
  readonly #enabled: boolean;
  #levels: number[] = [];
  #leadSums: number[] = [];
  #reviewSums: number[] = [];

  constructor(settings: PlanSettings) {
    this.#settings = settings;
    this.#enabled =
      settings.policy === 'forecast-quantile' &&
      settings.serviceType === 'cycle' &&
      settings.aggregation === 'comonotonic';
  }

  /** Fills entry i and returns true, or returns false when the per-SKU planner must be used. */
  plan(record: StockRecord, forecast: QuantileForecastLike, columns: Columns, i: number): boolean {
    if (!this.#enabled) return false;
    const review = record.reviewPeriod ?? this.#settings.reviewPeriod;
    const lead = record.leadTime;
    checkHorizon(forecast, lead + review);
    const bands = forecast.quantiles.length;
    if (this.#levels.length !== bands) {
      this.#levels = new Array(bands);
      this.#leadSums = new Array(bands);
      this.#reviewSums = new Array(bands);
    }
    const leadMean = bandSumsInto(forecast, 0, lead, this.#levels, this.#leadSums);
    const reviewMean = bandSumsInto(forecast, lead, review, this.#levels, this.#reviewSums);
    if (leadMean === undefined || reviewMean === undefined) return false;
    const median = interpolateQuantile(this.#levels, this.#leadSums, 0.5);
    const reviewDemand = Number.isNaN(reviewMean)
      ? interpolateQuantile(this.#levels, this.#reviewSums, 0.5)
      : reviewMean;
    const level = record.serviceLevel ?? this.#settings.serviceLevel;
    const rop = interpolateQuantile(this.#levels, this.#leadSums, level);
    const ip = position(record);
    const safetyStock = rop - median;
    const orderUpTo = rop + reviewDemand;
    columns.position[i] = ip;
    columns.reorderPoint[i] = rop;
    columns.orderUpTo[i] = orderUpTo;
    columns.safetyStock[i] = safetyStock;
    columns.leadTimeDemand[i] = median;
    if (!(ip < rop)) return true; // hold: action 0, quantity 0
    columns.action[i] = ip < safetyStock ? 2 : 1;
    columns.quantity[i] = applyOrderConstraints(orderUpTo - ip, ip, record).quantity;
    return true;
  }
}

/** Any policy: the per-SKU planner and constraints, keeping only the numbers. */
function planGeneral(
  record: StockRecord,
  forecast: QuantileForecastLike,
  settings: PlanSettings,
  columns: Columns,
  i: number,
): void {
  const plan = planSku(record, forecast, settings);
  const constrained = constrain(record, plan, settings);
  columns.action[i] = ORDER_ACTIONS.indexOf(constrained.action);
  columns.quantity[i] = constrained.quantity;
  columns.position[i] = position(record);
  columns.reorderPoint[i] = plan.reorderPoint;
  columns.orderUpTo[i] = plan.orderUpTo;
  columns.safetyStock[i] = plan.safetyStock;
  columns.leadTimeDemand[i] = plan.leadTimeDemand;
}

function applyBudget(records: readonly StockRecord[], columns: Columns, budget: number): number[] {
  const lines = records.map((record, i) => {
    if (columns.quantity[i] > 0 && !(Number(record.unitCost) > 0)) {
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
    const rop = columns.reorderPoint[i];
    return {
      quantity: columns.quantity[i],
      unitCost: record.unitCost ?? 1,
      priority: (rop - columns.position[i]) / Math.max(rop, 1),
      casePack: record.casePack,
    };
  });
  return allocateBudget(lines, budget);
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
