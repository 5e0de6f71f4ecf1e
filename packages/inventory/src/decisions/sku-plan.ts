import { InputValidationError } from '@shoppilot/core';
import { interpolateQuantile } from '../distributions/quantile-demand';
import { fmt } from '../policies/constraints';
import { newsvendor } from '../policies/newsvendor';
import { type RuleOfThumbMode, ruleOfThumb } from '../policies/rule-of-thumb';
import { levelForCycleService, levelForFillRate, safetyStockForCycleService } from '../policies/safety-stock';
import type { QuantileForecastLike } from './forecast-input';
import { checkHorizon, type QuantileAggregation, windowBandSums, windowDemand } from './lead-time-demand';
import { text } from './reason-text';
import type { StockRecord } from './stock-input';

export type ReplenishPolicy = 'forecast-quantile' | 'normal' | 'rule-of-thumb' | 'newsvendor';

/** What the planner needs for one SKU (options resolved). */
export interface PlanSettings {
  policy: ReplenishPolicy;
  serviceLevel: number;
  serviceType: 'cycle' | 'fill-rate';
  reviewPeriod: number;
  aggregation: QuantileAggregation;
  periodUnit: string;
  ruleMultiplier: number;
  ruleMode: RuleOfThumbMode;
}

/** The unconstrained plan: levels, trigger and the first reasons. */
export interface SkuPlan {
  reorderPoint: number;
  orderUpTo: number;
  safetyStock: number;
  /** Median (or mean, per policy) lead-time demand the reorder point is built on. */
  leadTimeDemand: number;
  /** A readable breakdown of the reorder point, e.g. `7-day lead-time demand p50 60 + safety stock 15 at 95% service`. */
  explanation: string;
  /** Rule-of-thumb action, when that policy is used. */
  ruleAction?: string;
  notes: string[];
}

/** Computes the levels for one SKU under the chosen policy. */
export function planSku(stock: StockRecord, forecast: QuantileForecastLike, settings: PlanSettings): SkuPlan {
  const review = stock.reviewPeriod ?? settings.reviewPeriod;
  const level = stock.serviceLevel ?? settings.serviceLevel;
  const lead = stock.leadTime;
  const window = `${fmt(lead)}-${settings.periodUnit} lead-time demand`;
  const service = `at ${pct(level)} ${settings.serviceType === 'cycle' ? 'service' : 'fill rate'}`;
  checkHorizon(forecast, lead + review);
  if (
    settings.policy === 'forecast-quantile' &&
    settings.serviceType === 'cycle' &&
    settings.aggregation === 'comonotonic'
  ) {
    const fast = fastQuantilePlan(forecast, lead, review, level);
    if (fast) {
      const cover = ` + ${fmt(review)}-${settings.periodUnit} review demand ${fmt(round(fast.reviewDemand))}`;
      return quantilePlan(fast.level, fast.median, fast.reviewDemand, `${window} p50`, service, cover);
    }
  }
  const leadDemand = windowDemand(forecast, 0, lead, settings.aggregation);
  const reviewDemand = windowDemand(forecast, lead, review, settings.aggregation).mean;
  const cover = ` + ${fmt(review)}-${settings.periodUnit} review demand ${fmt(round(reviewDemand))}`;
  switch (settings.policy) {
    case 'forecast-quantile': {
      const result =
        settings.serviceType === 'cycle'
          ? levelForCycleService(leadDemand.distribution, level)
          : levelForFillRate(leadDemand.distribution, level, Math.max(reviewDemand, 1e-9));
      return quantilePlan(result.level, result.center, reviewDemand, `${window} p50`, service, cover);
    }
    case 'normal':
      return planNormal(
        stock,
        leadDemand.mean,
        leadDemand.distribution.sd,
        level,
        window,
        service,
        reviewDemand,
        cover,
      );
    case 'rule-of-thumb': {
      const perPeriod = leadDemand.mean / lead;
      const result = ruleOfThumb({
        stock: Math.max(0, position(stock)),
        predictedDemand: perPeriod,
        leadTime: lead,
        multiplier: settings.ruleMultiplier,
        mode: settings.ruleMode,
        reviewPeriod: review,
      });
      return {
        reorderPoint: result.reorderPoint,
        orderUpTo: result.reorderPoint + perPeriod * review,
        safetyStock: result.safetyStock,
        leadTimeDemand: leadDemand.mean,
        ruleAction: result.action,
        explanation: `predicted demand ${fmt(round(perPeriod))}/${settings.periodUnit} x lead time ${fmt(lead)} + safety stock ${fmt(round(result.safetyStock))} (${fmt(settings.ruleMultiplier)} x predicted demand, rule of thumb, ${settings.ruleMode})`,
        notes:
          settings.ruleMode === 'as-written'
            ? ['as-written rule: its early-warning branch can never fire']
            : [],
      };
    }
    case 'newsvendor':
      return planNewsvendor(stock, forecast, settings, lead + review);
  }
}

/** Levels at quantiles of comonotonic band sums, without building a distribution (the hot path). */
function fastQuantilePlan(forecast: QuantileForecastLike, lead: number, review: number, level: number) {
  const leadSums = windowBandSums(forecast, 0, lead);
  const reviewSums = windowBandSums(forecast, lead, review);
  if (!leadSums || !reviewSums) return undefined;
  const median = interpolateQuantile(leadSums.levels, leadSums.sums, 0.5);
  const reviewDemand = Number.isNaN(reviewSums.mean)
    ? interpolateQuantile(reviewSums.levels, reviewSums.sums, 0.5)
    : reviewSums.mean;
  return { level: interpolateQuantile(leadSums.levels, leadSums.sums, level), median, reviewDemand };
}

function quantilePlan(
  rop: number,
  center: number,
  reviewDemand: number,
  window: string,
  service: string,
  cover: string,
): SkuPlan {
  const safetyStock = rop - center;
  return {
    reorderPoint: rop,
    orderUpTo: rop + reviewDemand,
    safetyStock,
    leadTimeDemand: center,
    explanation: `${window} ${fmt(round(center))} + safety stock ${fmt(round(safetyStock))} ${service}`,
    notes: [
      text('order-up-to ', fmt(round(rop + reviewDemand)), ' = reorder point ', fmt(round(rop)), cover),
    ],
  };
}

function planNormal(
  stock: StockRecord,
  mean: number,
  sd: number,
  level: number,
  window: string,
  service: string,
  reviewDemand: number,
  cover: string,
): SkuPlan {
  const L = stock.leadTime;
  const result = safetyStockForCycleService({
    demandMean: mean / L,
    demandSd: sd / Math.sqrt(L),
    leadTime: L,
    leadTimeSd: stock.leadTimeSd ?? 0,
    serviceLevel: level,
  });
  const rop = result.reorderPoint;
  return {
    reorderPoint: rop,
    orderUpTo: rop + reviewDemand,
    safetyStock: result.safetyStock,
    leadTimeDemand: mean,
    explanation: `${window} mean ${fmt(round(mean))} + safety stock ${fmt(round(result.safetyStock))} (z ${fmt(result.z)} x sd ${fmt(result.leadTimeDemand.sd)}, demand and lead-time variability) ${service}`,
    notes: [
      text('order-up-to ', fmt(round(rop + reviewDemand)), ' = reorder point ', fmt(round(rop)), cover),
    ],
  };
}

function planNewsvendor(
  stock: StockRecord,
  forecast: QuantileForecastLike,
  settings: PlanSettings,
  periods: number,
): SkuPlan {
  for (const field of ['holdingCost', 'stockoutCost'] as const) {
    if (!(Number(stock[field]) > 0)) {
      throw new InputValidationError({
        issues: [
          { sku: stock.sku, field, message: 'the newsvendor policy needs it', expected: 'a number > 0' },
        ],
      });
    }
  }
  const costs = { holdingCost: stock.holdingCost as number, stockoutCost: stock.stockoutCost as number };
  const demand = windowDemand(forecast, 0, periods, settings.aggregation);
  const result = newsvendor(demand.distribution, costs);
  const ratio = `critical ratio ${fmt(result.criticalRatio)} = stockout cost ${fmt(costs.stockoutCost)} / (${fmt(costs.stockoutCost)} + holding cost ${fmt(costs.holdingCost)})`;
  return {
    reorderPoint: result.orderUpTo,
    orderUpTo: result.orderUpTo,
    safetyStock: result.orderUpTo - demand.median,
    leadTimeDemand: demand.median,
    explanation: `${fmt(periods)}-${settings.periodUnit} demand p${fmt(round(result.criticalRatio * 100))} (newsvendor, ${ratio})`,
    notes: [],
  };
}

/** On hand + on order - backorders. */
export function position(stock: StockRecord): number {
  return stock.onHand + (stock.onOrder ?? 0) - (stock.backorders ?? 0);
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function pct(level: number): string {
  return `${fmt(Math.round(level * 1000) / 10)}%`;
}
