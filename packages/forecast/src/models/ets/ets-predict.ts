import { createRng } from '@shoppilot/core';
import { normalQuantile, sortedQuantile } from '../quantiles';
import type { QuantileBand } from '../types';
import type { EtsFit } from './ets-fit';
import { etsFilter, etsPointForecast, stateFrom, updateState } from './ets-recursion';
import type { EtsSpec } from './ets-spec';
import { linearMoments, seasonalMultiplicativeMoments } from './ets-variance';

export interface EtsPrediction {
  mean: number[];
  quantiles: QuantileBand[];
  /** `analytic` (classes 1-3) or `simulated` sample paths. */
  intervals: 'analytic' | 'simulated';
}

/**
 * Forecasts from a fitted form over the series `y` (the states are re-filtered from the fitted
 * initial state, so newer data can be passed without refitting). Quantiles are Gaussian around
 * the analytic means/variances for classes 1-3, from seeded simulation otherwise.
 */
export function predictEts(
  fit: EtsFit,
  y: ArrayLike<number>,
  horizon: number,
  levels: readonly number[],
  seed = 1,
  paths = 5000,
): EtsPrediction {
  const { spec, params, m } = fit;
  const state = etsFilter(y, spec, params, fit.initialState, m).finalState;
  const analytic = momentsFor(spec, fit, state, horizon);
  if (analytic) {
    const sd = analytic.variance.map((v) => Math.sqrt(Math.max(0, v)));
    const quantiles = levels.map((level) => {
      const z = normalQuantile(level);
      return { level, values: analytic.mean.map((mu, k) => mu + z * sd[k]) };
    });
    // The point forecast is the conditional mean of the state recursion.
    const mean = Array.from(etsPointForecast(state, spec, params.phi, m, horizon));
    return { mean, quantiles, intervals: 'analytic' };
  }
  return simulate(fit, state, horizon, levels, seed, paths);
}

function momentsFor(spec: EtsSpec, fit: EtsFit, state: Float64Array, horizon: number) {
  if (spec.trend === 'M') return undefined;
  if (spec.season !== 'M') return linearMoments(spec, fit.params, fit.m, state, fit.sigma2, horizon);
  if (spec.error === 'M')
    return seasonalMultiplicativeMoments(spec, fit.params, fit.m, state, fit.sigma2, horizon);
  return undefined;
}

function simulate(
  fit: EtsFit,
  state: Float64Array,
  horizon: number,
  levels: readonly number[],
  seed: number,
  paths: number,
): EtsPrediction {
  const { spec, params, m } = fit;
  const rng = createRng(seed);
  const sigma = Math.sqrt(fit.sigma2);
  const samples = Array.from({ length: horizon }, () => new Float64Array(paths));
  const f = new Float64Array(1);
  for (let path = 0; path < paths; path++) {
    const s = stateFrom(state, spec, m);
    for (let k = 0; k < horizon; k++) {
      etsOneStep(s, spec, params.phi, m, f);
      const e = rng.normal(0, sigma);
      const value = spec.error === 'A' ? f[0] + e : f[0] * (1 + e);
      samples[k][path] = value;
      updateState(s, value, spec, params, m);
    }
  }
  const sorted = samples.map((column) => column.sort());
  const quantiles = levels.map((level) => ({
    level,
    values: sorted.map((column) => sortedQuantile(column, level)),
  }));
  const mean = Array.from(etsPointForecast(state, spec, params.phi, m, horizon));
  return { mean, quantiles, intervals: 'simulated' };
}

function etsOneStep(
  s: ReturnType<typeof stateFrom>,
  spec: EtsSpec,
  phi: number,
  m: number,
  f: Float64Array,
): void {
  const vector = [
    s.level,
    ...(spec.trend !== 'N' ? [s.growth] : []),
    ...(spec.season !== 'N' ? s.season : []),
  ];
  f[0] = etsPointForecast(vector, spec, phi, m, 1)[0];
}
