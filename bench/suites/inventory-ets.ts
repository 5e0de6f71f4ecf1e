/**
 * Forecast-package forecasts for the inventory bench: ETS(A,N,N) on log(1 + units) per series, fitted
 * once on the warm-up weeks, then each week re-forecast from the history up to that week (states
 * updated, parameters kept: the forecast package's `predict({ history })`). Quantiles map back through
 * exp(q) - 1 (monotone), the mean through exp(mu + sd^2 / 2) - 1. Computed once, reused by the
 * policies below at any quantile level.
 */
import { EtsForecaster, panelFromArrays } from '@shoppilot/forecast';
import { type DemandMatrix, type SimulationPolicy, standardNormalQuantile } from '@shoppilot/inventory';

export interface EtsPaths {
  /** log-scale mean and sd, index ((sku * periods) + t) * horizon + h: made at week t for week t + h. */
  mu: Float64Array;
  sd: Float64Array;
  horizon: number;
}

const Z1 = 0.8413447460685429; // Phi(1)

export async function etsForecasts(matrix: DemandMatrix, start: number, horizon: number): Promise<EtsPaths> {
  const { skuCount: n, periods: T } = matrix;
  const logs = Float64Array.from(matrix.demand, (v) => (Number.isNaN(v) ? Number.NaN : Math.log1p(v)));
  const row = (i: number, end: number) => logs.subarray(i * T, i * T + end);
  const panelUntil = (end: number) =>
    panelFromArrays(
      Array.from({ length: n }, (_, i) => ({ id: String(i), values: row(i, end) })),
      { frequency: 'week' },
    );
  const model = new EtsForecaster({ model: 'ANN' });
  await model.fit(panelUntil(start));
  const mu = new Float64Array(n * T * horizon).fill(Number.NaN);
  const sd = new Float64Array(n * T * horizon).fill(Number.NaN);
  for (let t = start; t < T; t++) {
    const { forecasts } = await model.predict({ horizon, levels: [0.5, Z1], history: panelUntil(t) });
    forecasts.forEach((forecast, i) => {
      for (let h = 0; h < horizon; h++) {
        const k = (i * T + t) * horizon + h;
        mu[k] = forecast.quantiles[0].values[h];
        sd[k] = Math.max(0, forecast.quantiles[1].values[h] - mu[k]);
      }
    });
  }
  return { mu, sd, horizon };
}

/** Order up to the sum over L + 1 weeks of the ETS p-quantiles (comonotonic), or the rule of thumb on the ETS mean. */
export function etsPolicy(
  paths: EtsPaths,
  periods: number,
  kind: 'quantile' | 'rule',
  parameter: number,
): SimulationPolicy {
  const z = kind === 'quantile' ? standardNormalQuantile(parameter) : 0;
  return {
    name: kind === 'quantile' ? `ets-quantile(${parameter})` : `ets-rule(${parameter})`,
    plan(context) {
      const H = context.leadTime + 1;
      for (let i = 0; i < context.skuCount; i++) {
        let level = 0;
        let mean = 0;
        for (let h = 0; h < H; h++) {
          const k = (i * periods + context.period) * paths.horizon + h;
          const m = paths.mu[k];
          const s = paths.sd[k];
          if (Number.isNaN(m)) continue;
          level += Math.expm1(m + s * z);
          mean += Math.expm1(m + (s * s) / 2);
        }
        const d = mean / H;
        const S = kind === 'quantile' ? level : d * H + parameter * d;
        context.reorderLevel[i] = kind === 'quantile' ? S : d * context.leadTime + parameter * d;
        context.orderUpTo[i] = S;
        context.forecastMean[i] = d;
      }
    },
  };
}
