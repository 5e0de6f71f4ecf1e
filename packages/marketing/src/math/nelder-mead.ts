import { InvalidArgumentError } from '@shoppilot/core';

export interface NelderMeadOptions {
  /** Maximum objective evaluations in total. Default 200 * dimension^2 (at least 2,000). */
  maxEvaluations?: number;
  /** Stop when the simplex's objective values are within this of the best. Default 1e-10. */
  functionTolerance?: number;
  /** ... and its vertices within this of the best (per coordinate). Default 1e-8. */
  pointTolerance?: number;
  /** Relative size of the initial simplex step per coordinate (absolute 0.05 for zeros). Default 0.1. */
  initialStep?: number;
  /** Restarts from the best point after convergence, to escape a collapsed simplex. Default 2. */
  restarts?: number;
  /** Checked between iterations. */
  signal?: AbortSignal;
}

export interface MinimizeResult {
  /** Argument of the smallest objective value found. */
  x: number[];
  /** Smallest objective value found. */
  value: number;
  evaluations: number;
  /** True when the tolerances were met before the evaluation budget ran out. */
  converged: boolean;
}

/**
 * Minimises `objective` by the Nelder-Mead simplex method with the dimension-adaptive
 * coefficients of Gao & Han (2012) (reflection 1, expansion 1 + 2/n, contraction 0.75 - 1/2n,
 * shrink 1 - 1/n), stopping on scipy's criteria (simplex spread in x and in f), then restarting
 * from the best vertex with a fresh simplex `restarts` times. Non-finite objective values are
 * treated as +Infinity, so an objective may return NaN outside its domain.
 */
export function nelderMead(
  objective: (x: number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): MinimizeResult {
  const n = start.length;
  if (n === 0)
    throw new InvalidArgumentError({ argument: 'start', message: 'needs at least one coordinate' });
  const budget = options.maxEvaluations ?? Math.max(2000, 200 * n * n);
  let evaluations = 0;
  const f = (x: number[]): number => {
    evaluations++;
    const value = objective(x);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  let best = { x: [...start], value: f([...start]) };
  let converged = false;
  for (let round = 0; round <= (options.restarts ?? 2); round++) {
    const result = runSimplex(f, best.x, options, budget - evaluations, () => evaluations);
    converged = result.converged;
    const improved = result.value < best.value - (options.functionTolerance ?? 1e-10);
    if (result.value <= best.value) best = { x: result.x, value: result.value };
    if (!improved && round > 0) break;
    if (evaluations >= budget) break;
  }
  return { ...best, evaluations, converged };
}

function initialSimplex(start: readonly number[], step: number): number[][] {
  const simplex = [[...start]];
  for (let i = 0; i < start.length; i++) {
    const vertex = [...start];
    vertex[i] = vertex[i] !== 0 ? vertex[i] * (1 + step) : 0.05;
    simplex.push(vertex);
  }
  return simplex;
}

function runSimplex(
  f: (x: number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions,
  budget: number,
  count: () => number,
): { x: number[]; value: number; converged: boolean } {
  const n = start.length;
  const [alpha, gamma, rho, sigma] = [1, 1 + 2 / n, 0.75 - 1 / (2 * n), 1 - 1 / n];
  const fatol = options.functionTolerance ?? 1e-10;
  const xatol = options.pointTolerance ?? 1e-8;
  const limit = count() + budget;
  const simplex = initialSimplex(start, options.initialStep ?? 0.1);
  const values = simplex.map(f);
  const order = () => {
    const idx = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    const s = idx.map((i) => simplex[i]);
    const v = idx.map((i) => values[i]);
    for (let i = 0; i <= n; i++) [simplex[i], values[i]] = [s[i], v[i]];
  };
  order();
  let iteration = 0;
  while (count() < limit) {
    if (++iteration % 50 === 0) options.signal?.throwIfAborted();
    if (spread(simplex, values) <= 0 || (maxDiff(values) <= fatol && maxDistance(simplex) <= xatol)) {
      return { x: simplex[0], value: values[0], converged: true };
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (c - simplex[n][j]));
    const reflected = along(alpha);
    const fr = f(reflected);
    if (fr < values[0]) {
      const expanded = along(alpha * gamma);
      const fe = f(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const outside = fr < values[n];
      const contracted = along(outside ? alpha * rho : -rho);
      const fc = f(contracted);
      if (fc < (outside ? fr : values[n])) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((x, j) => simplex[0][j] + sigma * (x - simplex[0][j]));
          values[i] = f(simplex[i]);
        }
      }
    }
    order();
  }
  return { x: simplex[0], value: values[0], converged: false };
}

function maxDiff(values: number[]): number {
  let max = 0;
  for (let i = 1; i < values.length; i++) max = Math.max(max, Math.abs(values[i] - values[0]));
  return max;
}

function maxDistance(simplex: number[][]): number {
  let max = 0;
  for (let i = 1; i < simplex.length; i++)
    for (let j = 0; j < simplex[0].length; j++) max = Math.max(max, Math.abs(simplex[i][j] - simplex[0][j]));
  return max;
}

/** 1 when any value is finite-comparable, 0 when the whole simplex is +Infinity (no progress possible). */
function spread(_simplex: number[][], values: number[]): number {
  return values.every((v) => v === Number.POSITIVE_INFINITY) ? 0 : 1;
}
