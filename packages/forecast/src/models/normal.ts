import { InvalidArgumentError } from '@shoppilot/core';
import { probit } from 'simple-statistics';

const SQRT2 = Math.SQRT2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density. */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Standard normal distribution function to ~1e-14: the Taylor series of erf for |x| < 3 and a
 * continued fraction (Lentz) for the tail, so upper-tail values keep their relative accuracy.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x) / SQRT2;
  if (z < 3 / SQRT2) {
    const half = 0.5 * erfSeries(z);
    return x >= 0 ? 0.5 + half : 0.5 - half;
  }
  const tail = 0.5 * erfcContinuedFraction(z);
  return x >= 0 ? 1 - tail : tail;
}

/** Standard normal quantile, accurate to ~1e-13: a starting guess refined by Newton steps. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1))
    throw new InvalidArgumentError({ argument: 'p', message: 'must be in (0, 1)', value: p });
  let x = probit(p);
  for (let i = 0; i < 4; i++) {
    const step = (normalCdf(x) - p) / normalDensity(x);
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

function erfSeries(z: number): number {
  // erf(z) = 2/√π Σ (-1)^n z^(2n+1) / (n! (2n+1))
  let term = z;
  let sum = z;
  for (let n = 1; n < 200; n++) {
    term *= (-z * z) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

function erfcContinuedFraction(z: number): number {
  // erfc(z) = exp(-z²)/√π · 1/(z + 1/2/(z + 1/(z + 3/2/(z + …)))) evaluated by modified Lentz.
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = z + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = z + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
}
