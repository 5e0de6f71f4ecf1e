import { InvalidArgumentError } from '@shoppilot/core';
import type { MinimizeResult } from './nelder-mead';

export interface ValueAndGradient {
  value: number;
  gradient: number[];
}

export interface BfgsOptions {
  /** Iterations at most. Default 500. */
  maxIterations?: number;
  /** Stop when every gradient component is below this in absolute value. Default 1e-9. */
  gradientTolerance?: number;
  signal?: AbortSignal;
}

/**
 * Minimises a smooth function by BFGS (Nocedal & Wright 2006, alg. 6.1) with a backtracking
 * Armijo line search; the inverse Hessian starts as the identity scaled by s'y / y'y after the
 * first step. Non-finite values are treated as +Infinity (the step is shortened).
 */
export function bfgs(
  objective: (x: number[]) => ValueAndGradient,
  start: readonly number[],
  options: BfgsOptions = {},
): MinimizeResult {
  const n = start.length;
  if (n === 0)
    throw new InvalidArgumentError({ argument: 'start', message: 'needs at least one coordinate' });
  const tolerance = options.gradientTolerance ?? 1e-9;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    const result = objective(x);
    return Number.isFinite(result.value) && result.gradient.every(Number.isFinite) ? result : undefined;
  };
  let x = [...start];
  let current = evaluate(x);
  if (!current) return { x, value: Number.POSITIVE_INFINITY, evaluations, converged: false };
  let h = identity(n);
  for (let iteration = 0; iteration < (options.maxIterations ?? 500); iteration++) {
    if (iteration % 20 === 0) options.signal?.throwIfAborted();
    const g = current.gradient;
    if (Math.max(...g.map(Math.abs)) < tolerance)
      return { x, value: current.value, evaluations, converged: true };
    let direction = h.map((row) => -dot(row, g));
    if (dot(direction, g) >= 0) {
      h = identity(n);
      direction = g.map((v) => -v);
    }
    const slope = dot(direction, g);
    let step = 1;
    let next: { x: number[]; result: ValueAndGradient } | undefined;
    for (let k = 0; k < 60; k++, step /= 2) {
      const candidate = x.map((xi, i) => xi + step * direction[i]);
      const result = evaluate(candidate);
      if (result && result.value <= current.value + 1e-4 * step * slope) {
        next = { x: candidate, result };
        break;
      }
    }
    if (!next)
      return {
        x,
        value: current.value,
        evaluations,
        converged: Math.max(...g.map(Math.abs)) < 1e3 * tolerance,
      };
    const s = next.x.map((v, i) => v - x[i]);
    const y = next.result.gradient.map((v, i) => v - g[i]);
    const sy = dot(s, y);
    if (sy > 1e-14) {
      if (iteration === 0) h = identity(n).map((row) => row.map((v) => (v * sy) / dot(y, y)));
      h = bfgsUpdate(h, s, y, 1 / sy);
    }
    const improvement = current.value - next.result.value;
    x = next.x;
    current = next.result;
    if (
      improvement >= 0 &&
      improvement < 1e-14 * Math.max(1, Math.abs(current.value)) &&
      Math.max(...current.gradient.map(Math.abs)) < 1e3 * tolerance
    ) {
      return { x, value: current.value, evaluations, converged: true };
    }
  }
  return { x, value: current.value, evaluations, converged: false };
}

function bfgsUpdate(h: number[][], s: number[], y: number[], rho: number): number[][] {
  const n = s.length;
  const hy = h.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  const out = identity(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i][j] = h[i][j] - rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
    }
  }
  return out;
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
