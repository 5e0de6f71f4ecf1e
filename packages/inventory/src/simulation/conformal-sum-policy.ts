import { InvalidArgumentError } from '@shoppilot/core';
import { requireProbability } from '../distributions/probability';
import {
  rollingEmpiricalForecaster,
  sortedSampleQuantile,
  type WindowForecaster,
} from './rolling-forecaster';
import type { PlanContext, SimulationPolicy } from './types';

export interface ConformalSumPolicyOptions {
  /** Point forecasts (its `mean` x horizon is the window's expected demand). Default rollingEmpiricalForecaster(). */
  forecaster?: WindowForecaster;
  /** Quantile level of the pooled scores. Default 0.95. */
  serviceLevel?: number;
  /** Group of a (SKU, first period, horizon) window known in advance; scores are pooled per group. Default: one group. */
  group?: (sku: number, period: number, horizon: number) => number;
  /** Back-test windows before the first simulated period used to seed the pools. Default 26. */
  backfill?: number;
  /**
   * `series`: scores are log-ratio residuals centred and scaled by the SKU's own past residuals
   * (shrunk to the pooled ones, normalised conformal scores); `pooled`: raw log-ratio residuals, the
   * same quantile for every SKU of a group. Default `pooled` (on Dominick's OJ the per-SKU scale, learnt
   * from a few dozen windows dominated by promotion weeks, cost 15-75% more stock at the same fill rate).
   */
  scale?: 'series' | 'pooled';
  /** Pseudo-count of pooled windows in each SKU's centre and scale (shrinkage). Default 8. */
  prior?: number;
}

/**
 * Split-conformal order-up-to levels for the SUM of demand over the L + 1 periods: a window's score is
 * r = log(1 + actual sum) - log(1 + forecast sum), standardised by the SKU's running centre b and
 * scale s of its own past scores (shrunk towards the pooled centre and scale); the level is
 * exp(log(1 + forecast) + b + q s) - 1 with q the p-quantile of the standardised scores pooled over
 * all SKUs' past windows of the same group. A window's score enters only once the window has ended
 * (no future demand). Normalised conformal scores: Lei, G'Sell, Rinaldo, Tibshirani & Wasserman (2018).
 */
export function conformalSumPolicy(options: ConformalSumPolicyOptions = {}): SimulationPolicy {
  const forecaster = options.forecaster ?? rollingEmpiricalForecaster();
  const level = requireProbability(options.serviceLevel ?? 0.95, 'serviceLevel');
  const groupOf = options.group ?? (() => 0);
  const perSeries = options.scale === 'series';
  const prior = options.prior ?? 8;
  if (!(prior >= 0))
    throw new InvalidArgumentError({ argument: 'prior', message: 'must be >= 0', value: prior });
  const pools = new Map<number, number[]>();
  const predicted = new Map<number, number>();
  const key = (sku: number, period: number) => sku * 1_048_576 + period;
  let stats: ScoreStats | undefined;
  return {
    name: `conformal-sum(${level}, ${perSeries ? 'series' : 'pooled'}, ${forecaster.name})`,
    plan(context) {
      const H = context.leadTime + 1;
      if (!stats) {
        stats = createStats(context.skuCount);
        seed(context, H, options.backfill ?? 26);
      }
      admit(context, context.period - H, H);
      const quantiles = new Map<number, number>();
      for (const [group, pool] of pools)
        quantiles.set(group, sortedSampleQuantile(Float64Array.from(pool).sort(), level));
      for (let i = 0; i < context.skuCount; i++) {
        const forecast = forecaster.forecast(context.history(i), H, i);
        const total = forecast.mean * H;
        predicted.set(key(i, context.period), total);
        const q = quantiles.get(groupOf(i, context.period, H)) ?? quantiles.get(0) ?? 0;
        const { centre, spread } = standardiser(stats, i);
        const S = Math.max(0, Math.expm1(Math.log1p(total) + centre + q * spread));
        context.reorderLevel[i] = S;
        context.orderUpTo[i] = S;
        context.forecastMean[i] = forecast.mean;
      }
    },
  };

  function standardiser(s: ScoreStats, i: number): { centre: number; spread: number } {
    if (!perSeries) return { centre: 0, spread: 1 };
    const pooledMean = s.all > 0 ? s.allSum / s.all : 0;
    const pooledVar = s.all > 1 ? Math.max(0, s.allSquares / s.all - pooledMean * pooledMean) : 1;
    const n = s.count[i];
    const centre = (s.sum[i] + prior * pooledMean) / (n + prior);
    const own = n > 0 ? Math.max(0, s.squares[i] - s.sum[i] ** 2 / n) : 0;
    const spread = n + prior > 0 ? Math.max(Math.sqrt((own + prior * pooledVar) / (n + prior)), 1e-12) : 1;
    return { centre, spread };
  }

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

  /** Scores the windows that started at `start` (ended before the current period). */
  function admit(context: PlanContext, start: number, H: number): void {
    if (start < 0 || !stats) return;
    for (let i = 0; i < context.skuCount; i++) {
      const forecast = predicted.get(key(i, start)) ?? Number.NaN;
      predicted.delete(key(i, start));
      const history = context.history(i);
      if (!(forecast >= 0) || start + H > history.length) continue;
      let actual = 0;
      for (let k = start; k < start + H; k++) actual += history[k];
      if (Number.isNaN(actual)) continue;
      const r = Math.log1p(actual) - Math.log1p(forecast);
      const { centre, spread } = standardiser(stats, i);
      const group = groupOf(i, start, H);
      const pool = pools.get(group) ?? [];
      pool.push((r - centre) / spread);
      pools.set(group, pool);
      record(stats, i, r);
    }
  }
}

interface ScoreStats {
  sum: Float64Array;
  squares: Float64Array;
  count: Int32Array;
  all: number;
  allSum: number;
  allSquares: number;
}

function createStats(n: number): ScoreStats {
  return {
    sum: new Float64Array(n),
    squares: new Float64Array(n),
    count: new Int32Array(n),
    all: 0,
    allSum: 0,
    allSquares: 0,
  };
}

function record(s: ScoreStats, i: number, r: number): void {
  s.sum[i] += r;
  s.squares[i] += r * r;
  s.count[i]++;
  s.all++;
  s.allSum += r;
  s.allSquares += r * r;
}
