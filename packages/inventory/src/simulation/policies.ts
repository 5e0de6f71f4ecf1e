import { InvalidArgumentError } from '@shoppilot/core';
import { standardNormalQuantile } from '../distributions/normal';
import { requireProbability } from '../distributions/probability';
import {
  rollingEmpiricalForecaster,
  sortedSampleLoss,
  sortedSampleQuantile,
  type WindowForecaster,
} from './rolling-forecaster';
import type { PlanContext, SimulationPolicy } from './types';

export interface ForecastQuantilePolicyOptions {
  /** Default: rollingEmpiricalForecaster({ window: 52 }). */
  forecaster?: WindowForecaster;
  /** Target in (0, 1). Default 0.95. */
  serviceLevel?: number;
  /**
   * `cycle`: order up to the p-quantile of demand over lead time + review. `fill-rate`: the lowest
   * level whose expected shortage per period, E[(D_{L+1} - S)^+] - E[(D_L - S)^+], is at most
   * (1 - p) x mean demand per period (Silver, Pyke & Thomas 2017, periodic review). Default `cycle`.
   */
  serviceType?: 'cycle' | 'fill-rate';
}

/** Periodic review (each period) base-stock policy at quantiles of the forecast demand over L + 1 periods. */
export function forecastQuantilePolicy(options: ForecastQuantilePolicyOptions = {}): SimulationPolicy {
  const forecaster = options.forecaster ?? rollingEmpiricalForecaster();
  const level = requireProbability(options.serviceLevel ?? 0.95, 'serviceLevel');
  const type = options.serviceType ?? 'cycle';
  return {
    name: `forecast-quantile(${type} ${level}, ${forecaster.name})`,
    plan(context) {
      const L = context.leadTime;
      for (let i = 0; i < context.skuCount; i++) {
        const history = context.history(i);
        let S: number;
        let mean: number;
        if (type === 'cycle') {
          const forecast = forecaster.forecast(history, L + 1, i);
          S = forecast.quantile ? forecast.quantile(level) : sortedSampleQuantile(forecast.samples, level);
          mean = forecast.mean;
        } else {
          const lead = Float64Array.from(forecaster.forecast(history, L, i).samples);
          const forecast = forecaster.forecast(history, L + 1, i);
          mean = forecast.mean;
          S = fillRateLevel(forecast.samples, lead, (1 - level) * mean);
        }
        setLevels(context, i, S, S, mean);
      }
    },
  };
}

/** Smallest sample level with E[(D_{L+1} - S)^+] - E[(D_L - S)^+] <= target (both sorted). */
function fillRateLevel(protection: Float64Array, lead: Float64Array, target: number): number {
  const shortage = (s: number) => sortedSampleLoss(protection, s) - sortedSampleLoss(lead, s);
  let low = 0;
  let high = protection.length - 1;
  if (high < 0) return 0;
  if (shortage(protection[high]) > target) return protection[high];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (shortage(protection[middle]) <= target) high = middle;
    else low = middle + 1;
  }
  return protection[low];
}

export interface RuleOfThumbSimulationOptions {
  /** Safety stock = multiplier x predicted demand per period. Default 0.2 (the brief's rule). */
  multiplier?: number;
  /**
   * Predicted demand d = this forecaster's per-period mean over the next L + 1 periods. Default
   * rollingEmpiricalForecaster({ window: 52 }).
   */
  forecaster?: WindowForecaster;
}

/**
 * The brief's rule (intended order) in the simulator: reorder when position < d L + m d, order up to
 * d (L + 1) + m d, d = predicted demand per period.
 */
export function ruleOfThumbPolicy(options: RuleOfThumbSimulationOptions = {}): SimulationPolicy {
  const forecaster = options.forecaster ?? rollingEmpiricalForecaster();
  const m = options.multiplier ?? 0.2;
  if (!(m >= 0))
    throw new InvalidArgumentError({ argument: 'multiplier', message: 'must be >= 0', value: m });
  return {
    name: `rule-of-thumb(${m})`,
    plan(context) {
      const L = context.leadTime;
      for (let i = 0; i < context.skuCount; i++) {
        const d = forecaster.forecast(context.history(i), L + 1, i).mean;
        setLevels(context, i, d * L + m * d, d * (L + 1) + m * d, d);
      }
    },
  };
}

export interface NormalPolicyOptions {
  /** Cycle service level. Default 0.95. */
  serviceLevel?: number;
  /** Observed periods in the rolling mean and standard deviation. Default 52. */
  window?: number;
}

/** (R, S) with normal demand: S = d (L + 1) + z sigma sqrt(L + 1), d and sigma over a rolling window. */
export function normalPolicy(options: NormalPolicyOptions = {}): SimulationPolicy {
  const z = standardNormalQuantile(requireProbability(options.serviceLevel ?? 0.95, 'serviceLevel'));
  const window = options.window ?? 52;
  return {
    name: `normal(R,S) ${options.serviceLevel ?? 0.95}`,
    plan(context) {
      const H = context.leadTime + 1;
      for (let i = 0; i < context.skuCount; i++) {
        const { mean, sd } = rollingMoments(context.history(i), window);
        const S = mean * H + z * sd * Math.sqrt(H);
        setLevels(context, i, S, S, mean);
      }
    },
  };
}

export interface RQPolicyOptions extends NormalPolicyOptions {
  /** Fixed cost per order K. */
  orderingCost: number;
  /** Holding cost per unit per period h. */
  holdingCost: number;
  /** `r-Q` orders whole batches; `s-S` orders up to s + Q. Default `r-Q`. */
  rule?: 'r-Q' | 's-S';
}

/** (r, Q) or (s, S): Q = EOQ sqrt(2 K d / h) from the rolling mean, r = s = normal reorder point over the lead time. */
export function rqPolicy(options: RQPolicyOptions): SimulationPolicy {
  const z = standardNormalQuantile(requireProbability(options.serviceLevel ?? 0.95, 'serviceLevel'));
  const window = options.window ?? 52;
  const rule = options.rule ?? 'r-Q';
  return {
    name: `${rule === 'r-Q' ? '(r,Q)' : '(s,S)'} EOQ ${options.serviceLevel ?? 0.95}`,
    plan(context) {
      const L = context.leadTime;
      for (let i = 0; i < context.skuCount; i++) {
        const { mean, sd } = rollingMoments(context.history(i), window);
        const Q = Math.max(1, Math.sqrt((2 * options.orderingCost * mean) / options.holdingCost));
        const r = mean * L + z * sd * Math.sqrt(L);
        setLevels(context, i, r, r + Q, mean);
        context.batchSize[i] = rule === 'r-Q' ? Q : 0;
      }
    },
  };
}

/** Fixed levels per SKU (base stock when reorderLevel = orderUpTo; (s, S); (r, Q) with batchSize). */
export function fixedLevelsPolicy(levels: {
  reorderLevel: Float64Array;
  orderUpTo: Float64Array;
  batchSize?: Float64Array;
}): SimulationPolicy {
  return {
    name: 'fixed-levels',
    plan(context) {
      context.reorderLevel.set(levels.reorderLevel);
      context.orderUpTo.set(levels.orderUpTo);
      if (levels.batchSize) context.batchSize.set(levels.batchSize);
    },
  };
}

function setLevels(context: PlanContext, i: number, reorder: number, upTo: number, mean: number): void {
  context.reorderLevel[i] = reorder;
  context.orderUpTo[i] = upTo;
  context.forecastMean[i] = mean;
}

/** Mean and sample sd of the last `window` observed values (NaN skipped). */
export function rollingMoments(history: Float64Array, window: number): { mean: number; sd: number } {
  let count = 0;
  let total = 0;
  let squares = 0;
  for (let t = history.length - 1; t >= 0 && count < window; t--) {
    const value = history[t];
    if (Number.isNaN(value)) continue;
    count++;
    total += value;
    squares += value * value;
  }
  if (count === 0) return { mean: 0, sd: 0 };
  const mean = total / count;
  const variance = count > 1 ? Math.max(0, (squares - count * mean * mean) / (count - 1)) : 0;
  return { mean, sd: Math.sqrt(variance) };
}
