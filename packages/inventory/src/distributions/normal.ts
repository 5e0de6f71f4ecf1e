import { InvalidArgumentError } from '@shoppilot/core';

/**
 * Standard normal functions for inventory formulas.
 *
 * Why not simple-statistics here: its `cumulativeStdNormalProbability` reads a 2-decimal table and
 * its `probit` goes through an inverse error function approximation; the known answers inventory
 * planners check against (stockpyl, textbook tables) need about 1e-9. Accuracy of these functions,
 * checked against scipy.stats.norm in normal.test.ts:
 * - `standardNormalCdf`: Marsaglia's (2004) Taylor series, absolute error < 1e-15 for |z| < 2.5;
 *   beyond that the tails come from the Laplace continued fraction of the Mills ratio (100 terms),
 *   relative error < 1e-13.
 * - `standardNormalQuantile`: Acklam's rational approximation (relative error 1.15e-9) refined by one
 *   Halley step on the accurate CDF, absolute error < 1e-12 for p in [1e-12, 0.9999]; closer to 1 the error is bounded by the
 *   rounding of 1 - p (about 1e-16 / phi(z), e.g. 6e-11 at p = 0.999999).
 * - `standardNormalLoss` G(z) = E[(Z - z)^+] = phi(z) - z (1 - Phi(z)), and the second-order loss
 *   G2(z) = E[((Z - z)^+)^2] / 2 = ((z^2 + 1)(1 - Phi(z)) - z phi(z)) / 2, both from the survival
 *   function so the upper tail keeps relative accuracy.
 */

const LOG_SQRT_2PI = 0.9189385332046727;
const INV_SQRT_2PI = 0.3989422804014327;
/** Beyond |z| = 2.5 the tails come from the continued fraction (relative error < 1e-14 there). */
const TAIL = 2.5;

/** Density of N(0, 1). */
export function standardNormalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** P(Z > z) for Z ~ N(0, 1), accurate in the upper tail. */
export function standardNormalSurvival(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z >= TAIL) return standardNormalPdf(z) * millsRatio(z);
  if (z <= -TAIL) return 1 - standardNormalPdf(z) * millsRatio(-z);
  return 0.5 - marsagliaSeries(z);
}

/** P(Z <= z) for Z ~ N(0, 1). */
export function standardNormalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z <= -TAIL) return standardNormalPdf(z) * millsRatio(-z);
  if (z >= TAIL) return 1 - standardNormalPdf(z) * millsRatio(z);
  return 0.5 + marsagliaSeries(z);
}

/** Phi(z) - 1/2 = phi(z) * (z + z^3/3 + z^5/(3*5) + ...). */
function marsagliaSeries(z: number): number {
  const q = z * z;
  let sum = z;
  let term = z;
  let previous = 0;
  for (let i = 3; sum !== previous; i += 2) {
    previous = sum;
    term *= q / i;
    sum += term;
  }
  return sum * Math.exp(-0.5 * q - LOG_SQRT_2PI);
}

/** (1 - Phi(x)) / phi(x) for x >= 2.5 by the Laplace continued fraction, evaluated backwards. */
function millsRatio(x: number): number {
  let fraction = x;
  for (let k = 100; k >= 1; k--) fraction = x + k / fraction;
  return 1 / fraction;
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** The z with Phi(z) = p (the probit), for p in (0, 1). */
export function standardNormalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    throw new InvalidArgumentError({ argument: 'p', message: 'must be strictly between 0 and 1', value: p });
  }
  let z: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    z =
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    z =
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    z =
      -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  // One Halley step on the accurate CDF (upper half through the survival function).
  const error = z > 0 ? 1 - p - standardNormalSurvival(z) : standardNormalCdf(z) - p;
  const u = error / standardNormalPdf(z);
  return z - u / (1 + (z * u) / 2);
}

/** Standard normal first-order loss G(z) = E[(Z - z)^+]. */
export function standardNormalLoss(z: number): number {
  return standardNormalPdf(z) - z * standardNormalSurvival(z);
}

/** Standard normal complementary loss E[(z - Z)^+] = z + G(z). */
export function standardNormalComplementaryLoss(z: number): number {
  return z + standardNormalLoss(z);
}

/** Standard normal second-order loss G2(z) = E[((Z - z)^+)^2] / 2. */
export function standardNormalSecondLoss(z: number): number {
  return 0.5 * ((z * z + 1) * standardNormalSurvival(z) - z * standardNormalPdf(z));
}

/**
 * The z with G(z) = loss, for loss > 0 (G decreases from +infinity to 0). Newton's method on
 * G'(z) = -(1 - Phi(z)), started from a bracket; converges to 1e-12 in z.
 */
export function inverseStandardNormalLoss(loss: number): number {
  if (!(loss > 0) || !Number.isFinite(loss)) {
    throw new InvalidArgumentError({ argument: 'loss', message: 'must be a finite number > 0', value: loss });
  }
  let low = -loss - 1;
  let high = 10;
  while (standardNormalLoss(high) > loss) high *= 2;
  let z = loss > standardNormalLoss(0) ? -loss : 0;
  for (let i = 0; i < 100; i++) {
    const value = standardNormalLoss(z) - loss;
    if (value > 0) low = z;
    else high = z;
    const slope = -standardNormalSurvival(z);
    let next = slope < 0 ? z - value / slope : (low + high) / 2;
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - z) < 1e-13 * Math.max(1, Math.abs(z))) return next;
    z = next;
  }
  return z;
}

/** Density of N(mean, sd^2). */
export function normalPdf(x: number, mean: number, sd: number): number {
  return standardNormalPdf((x - mean) / sd) / sd;
}

/** CDF of N(mean, sd^2). */
export function normalCdf(x: number, mean: number, sd: number): number {
  return standardNormalCdf((x - mean) / sd);
}

/** Quantile of N(mean, sd^2). */
export function normalQuantile(p: number, mean: number, sd: number): number {
  return mean + sd * standardNormalQuantile(p);
}
