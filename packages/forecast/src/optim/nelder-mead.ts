import { InvalidArgumentError } from '@shoppilot/core';

export interface NelderMeadOptions {
  /** Stop when max - min of the simplex values is within reltol·(|f|+reltol). Default √ε ≈ 1.49e-8. */
  reltol?: number;
  /** Stop when the best value is at or below this. Default -Infinity. */
  abstol?: number;
  /** Most function evaluations. Default 2000. */
  maxEvaluations?: number;
  /** Reflection, contraction and expansion coefficients. Default 1, 0.5, 2. */
  reflection?: number;
  contraction?: number;
  expansion?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evaluations: number;
  /** `converged`, `max-evaluations`, or `no-progress` (a shrink did not shrink the simplex). */
  status: 'converged' | 'max-evaluations' | 'no-progress';
}

const BIG = 1.0e35;

/**
 * Minimises `fn` by the Nelder-Mead simplex method in the variant of Nash (1990), "Compact
 * Numerical Methods", algorithm 19 — the one behind R's `optim(method = "Nelder-Mead")`: the first
 * simplex steps every coordinate by 10% of the largest |x0_i|, non-finite values count as 1e35, and
 * a shrink that does not reduce the simplex size stops the search.
 */
export function nelderMead(
  fn: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  const reltol = options.reltol ?? Math.sqrt(Number.EPSILON);
  const abstol = options.abstol ?? Number.NEGATIVE_INFINITY;
  const maxit = options.maxEvaluations ?? 2000;
  const alpha = options.reflection ?? 1;
  const beta = options.contraction ?? 0.5;
  const gamma = options.expansion ?? 2;
  const evaluate = (x: Float64Array) => {
    const value = fn(x);
    return Number.isFinite(value) ? value : BIG;
  };
  const start = Float64Array.from(x0);
  const f0 = fn(start);
  if (!Number.isFinite(f0)) {
    throw new InvalidArgumentError({
      argument: 'x0',
      message: 'the function cannot be evaluated at the initial parameters',
      value: Array.from(start),
    });
  }
  const simplex = initialSimplex(start);
  const values = new Float64Array(n + 1);
  values[0] = f0;
  let evaluations = 1;
  const convtol = reltol * (Math.abs(f0) + reltol);
  let oldSize = simplex.size;
  let low = 0;
  let recompute = true;
  let status: NelderMeadResult['status'] = 'max-evaluations';
  const centroid = new Float64Array(n);
  const trial = new Float64Array(n);
  const points = simplex.points;
  while (evaluations <= maxit) {
    if (recompute) {
      for (let j = 0; j <= n; j++) {
        if (j === low) continue;
        values[j] = evaluate(points[j]);
        evaluations++;
      }
      recompute = false;
    }
    let high = low;
    let vLow = values[low];
    let vHigh = vLow;
    for (let j = 0; j <= n; j++) {
      if (j === low) continue;
      if (values[j] < vLow) {
        low = j;
        vLow = values[j];
      }
      if (values[j] > vHigh) {
        high = j;
        vHigh = values[j];
      }
    }
    if (vHigh <= vLow + convtol || vLow <= abstol) {
      status = 'converged';
      break;
    }
    for (let i = 0; i < n; i++) {
      let sum = -points[high][i];
      for (let j = 0; j <= n; j++) sum += points[j][i];
      centroid[i] = sum / n;
    }
    for (let i = 0; i < n; i++) trial[i] = (1 + alpha) * centroid[i] - alpha * points[high][i];
    const vReflect = evaluate(trial);
    evaluations++;
    if (vReflect < vLow) {
      // Try to expand further along the same direction.
      const reflected = Float64Array.from(trial);
      for (let i = 0; i < n; i++) trial[i] = gamma * reflected[i] + (1 - gamma) * centroid[i];
      const vExpand = evaluate(trial);
      evaluations++;
      if (vExpand < vReflect) {
        points[high].set(trial);
        values[high] = vExpand;
      } else {
        points[high].set(reflected);
        values[high] = vReflect;
      }
      continue;
    }
    if (vReflect < vHigh) {
      points[high].set(trial);
      values[high] = vReflect;
    }
    for (let i = 0; i < n; i++) trial[i] = (1 - beta) * points[high][i] + beta * centroid[i];
    const vContract = evaluate(trial);
    evaluations++;
    if (vContract < values[high]) {
      points[high].set(trial);
      values[high] = vContract;
    } else if (vReflect >= vHigh) {
      let size = 0;
      for (let j = 0; j <= n; j++) {
        if (j === low) continue;
        for (let i = 0; i < n; i++) {
          points[j][i] = beta * (points[j][i] - points[low][i]) + points[low][i];
          size += Math.abs(points[j][i] - points[low][i]);
        }
      }
      recompute = true;
      if (size < oldSize) oldSize = size;
      else {
        status = 'no-progress';
        break;
      }
    }
  }
  return { x: Float64Array.from(points[low]), value: values[low], evaluations, status };
}

function initialSimplex(x0: Float64Array): { points: Float64Array[]; size: number } {
  const n = x0.length;
  let step = 0;
  for (let i = 0; i < n; i++) step = Math.max(step, 0.1 * Math.abs(x0[i]));
  if (step === 0) step = 0.1;
  const points = [Float64Array.from(x0)];
  let size = 0;
  for (let j = 1; j <= n; j++) {
    const point = Float64Array.from(x0);
    let tryStep = step;
    while (point[j - 1] === x0[j - 1]) {
      point[j - 1] = x0[j - 1] + tryStep;
      tryStep *= 10;
    }
    size += tryStep;
    points.push(point);
  }
  return { points, size };
}
