import { requireProbability } from '../distributions/probability';
import {
  rollingEmpiricalForecaster,
  sortedSampleQuantile,
  type WindowForecaster,
} from './rolling-forecaster';
import type { PlanContext, SimulationPolicy } from './types';

export interface GlobalQuantilePolicyOptions {
  /** Point forecasts (its `mean` x horizon is the SKU's expected demand). Default rollingEmpiricalForecaster(). */
  forecaster?: WindowForecaster;
  /** Quantile level of the pooled ratio distribution. Default 0.95. */
  serviceLevel?: number;
  /**
   * Group of a (SKU, first period, horizon) window known in advance, e.g. the most intense promotion
   * class in it; ratios are pooled per group. Default: one group.
   */
  group?: (sku: number, period: number, horizon: number) => number;
  /** Backtest windows before the first simulated period used to seed the pools. Default 26. */
  backfill?: number;
}

/**
 * A forecast-quantile policy with a global (cross-series) predictive distribution: each SKU orders up
 * to its point forecast of demand over L + 1 periods times the p-quantile of actual / forecast ratios
 * pooled over all SKUs' past windows of the same group (e.g. promotion state). A window's ratio enters
 * the pool only once the window has ended, so no future demand is used. Pooling across series gives a
 * far less noisy tail estimate than each series' own few dozen weeks.
 */
export function globalQuantilePolicy(options: GlobalQuantilePolicyOptions = {}): SimulationPolicy {
  const forecaster = options.forecaster ?? rollingEmpiricalForecaster();
  const level = requireProbability(options.serviceLevel ?? 0.95, 'serviceLevel');
  const groupOf = options.group ?? (() => 0);
  const pools = new Map<number, number[]>();
  /** Predicted window totals by (sku, first period of the window). */
  const predicted = new Map<number, number>();
  const key = (sku: number, period: number) => sku * 1_048_576 + period;
  let seeded = false;
  return {
    name: `global-quantile(${level}, ${forecaster.name})`,
    plan(context) {
      const H = context.leadTime + 1;
      const n = context.skuCount;
      if (!seeded) {
        seeded = true;
        seed(context, H, options.backfill ?? 26);
      }
      admit(context, context.period - H, H);
      const quantiles = new Map<number, number>();
      for (const [group, pool] of pools) {
        const sorted = Float64Array.from(pool).sort();
        quantiles.set(group, sortedSampleQuantile(sorted, level));
      }
      for (let i = 0; i < n; i++) {
        const forecast = forecaster.forecast(context.history(i), H, i);
        const total = forecast.mean * H;
        predicted.set(key(i, context.period), total);
        const ratio = quantiles.get(groupOf(i, context.period, H)) ?? quantiles.get(0) ?? 1;
        const S = total * ratio;
        context.reorderLevel[i] = S;
        context.orderUpTo[i] = S;
        context.forecastMean[i] = forecast.mean;
      }
    },
  };

  /** Back-tests windows that ended before the first simulated period to fill the pools. */
  function seed(context: PlanContext, H: number, count: number): void {
    const now = context.period;
    for (let start = Math.max(1, now - count - H); start + H <= now; start++) {
      for (let i = 0; i < context.skuCount; i++) {
        const history = context.history(i).subarray(0, start);
        predicted.set(key(i, start), forecaster.forecast(history, H, i).mean * H);
      }
      admit(context, start, H);
    }
  }

  /** Adds the ratios of windows that started at `start` (ended before the current period). */
  function admit(context: PlanContext, start: number, H: number): void {
    if (start < 0) return;
    for (let i = 0; i < context.skuCount; i++) {
      const forecast = predicted.get(key(i, start)) ?? Number.NaN;
      predicted.delete(key(i, start));
      if (!(forecast > 0)) continue;
      const history = context.history(i);
      if (start + H > history.length) continue;
      let actual = 0;
      for (let k = start; k < start + H; k++) actual += history[k];
      if (Number.isNaN(actual)) continue;
      const group = groupOf(i, start, H);
      const pool = pools.get(group) ?? [];
      pool.push(actual / forecast);
      pools.set(group, pool);
    }
  }
}
