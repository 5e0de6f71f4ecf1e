import { InvalidArgumentError } from '@shoppilot/core';
import type { DemandDistribution } from './demand-distribution';
import { empiricalDemand } from './empirical';
import { standardNormalQuantile } from './normal';
import { requireProbability } from './probability';

/** Number of grid points used to integrate the mean, CDF and loss of a quantile-defined distribution. */
const GRID = 1000;

/**
 * A distribution known only through some of its quantiles (a quantile forecast). Between the given
 * levels the quantile function is interpolated linearly; beyond the outermost levels it continues with
 * the normal tail that fits the two outermost quantiles on each side (or the flat value when only one
 * level is known), floored at 0. The mean, CDF and loss are computed on a grid of 1,000 quantiles
 * (midpoints p = (i + 0.5) / 1000), unless `mean` is given.
 */
export function quantileDemand(
  levels: readonly number[],
  values: readonly number[],
  options: { mean?: number } = {},
): DemandDistribution {
  if (levels.length === 0 || levels.length !== values.length) {
    throw new InvalidArgumentError({
      argument: 'levels',
      message: `needs one value per level (got ${levels.length} levels, ${values.length} values)`,
    });
  }
  const order = levels.map((_, i) => i).sort((a, b) => levels[a] - levels[b]);
  const tau = order.map((i) => requireProbability(levels[i], `levels[${i}]`));
  // Quantile crossing is repaired by taking the running maximum (a common, documented fix).
  const q: number[] = [];
  for (const i of order) {
    const value = values[i];
    if (!Number.isFinite(value)) {
      throw new InvalidArgumentError({ argument: `values[${i}]`, message: 'must be a finite number', value });
    }
    q.push(Math.max(value, q.length ? q[q.length - 1] : -Infinity));
  }
  const quantile = (p: number) => Math.max(0, interpolate(tau, q, requireProbability(p)));
  // The grid is built on first use: planning at a service level needs only `quantile`.
  let base: DemandDistribution | undefined;
  const grid = () => {
    if (!base) {
      const points = new Float64Array(GRID);
      for (let i = 0; i < GRID; i++) points[i] = quantile((i + 0.5) / GRID);
      base = empiricalDemand(points);
    }
    return base;
  };
  return {
    kind: 'quantiles',
    get mean() {
      return options.mean ?? grid().mean;
    },
    get sd() {
      return grid().sd;
    },
    discrete: false,
    cdf: (x) => grid().cdf(x),
    quantile,
    loss: (x) => grid().loss(x),
  };
}

/**
 * The quantile at p of a distribution known by ascending levels `tau` and non-decreasing values `q`:
 * linear between levels, normal tails beyond them (as `quantileDemand`), floored at 0.
 */
export function interpolateQuantile(tau: readonly number[], q: readonly number[], p: number): number {
  return Math.max(0, interpolate(tau, q, p));
}

function interpolate(tau: readonly number[], q: readonly number[], p: number): number {
  const m = tau.length;
  if (m === 1) return q[0];
  if (p <= tau[0]) return tail(tau[0], tau[1], q[0], q[1], p);
  if (p >= tau[m - 1]) return tail(tau[m - 1], tau[m - 2], q[m - 1], q[m - 2], p);
  let j = 1;
  while (tau[j] < p) j++;
  const w = (p - tau[j - 1]) / (tau[j] - tau[j - 1]);
  return q[j - 1] + w * (q[j] - q[j - 1]);
}

/** Normal tail through the outer quantile (t0, q0) with the scale implied by the next one (t1, q1). */
function tail(t0: number, t1: number, q0: number, q1: number, p: number): number {
  const z0 = standardNormalQuantile(t0);
  const scale = (q0 - q1) / (z0 - standardNormalQuantile(t1));
  return q0 + Math.max(scale, 0) * (standardNormalQuantile(p) - z0);
}
