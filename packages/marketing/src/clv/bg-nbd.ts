import { lgamma, logAddExp } from '../math/index';
import { bgNbdAliveExpectation, bgNbdLogDropoutOdds } from './bg-nbd-expectation';
import type { CompressedRfm, RfmRow } from './rfm-data';

/** BG/NBD parameters: purchase rate ~ Gamma(r, alpha), drop-out probability ~ Beta(a, b). */
export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Log-likelihood of one customer under the BG/NBD model (Fader, Hardie & Lee 2005, eq. 6),
 * computed in log space: ln A1 + ln A2 + ln(A3 + [x > 0] A4).
 */
export function bgNbdLogLikelihood(params: BgNbdParameters, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const logA1 = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const logA2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
  const logA3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return logA1 + logA2 + logA3;
  const logA4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return logA1 + logA2 + logAddExp(logA3, logA4);
}

/**
 * Sum of customer log-likelihoods over compressed data (weights = customers per triple). The
 * gamma-function ratios depend on the integer x only, so they are built once per call by the
 * recursions ln G(r+x) - ln G(r) = sum_{k<x} ln(r+k) instead of per customer.
 */
export function bgNbdTotalLogLikelihood(params: BgNbdParameters, data: CompressedRfm): number {
  const { r, alpha, a, b } = params;
  const maxX = maxOf(data.frequency);
  const logRiseR = risingLogs(r, maxX);
  const logRiseB = risingLogs(b, maxX);
  const logRiseAB = risingLogs(a + b, maxX);
  const logA = Math.log(a);
  const rLogAlpha = r * Math.log(alpha);
  let total = 0;
  for (let i = 0; i < data.weight.length; i++) {
    const x = data.frequency[i];
    const logA1 = logRiseR[x] + rLogAlpha;
    const logA2 = logRiseB[x] - logRiseAB[x];
    const logA3 = -(r + x) * Math.log(alpha + data.T[i]);
    let ll = logA1 + logA2 + logA3;
    if (x > 0) {
      const logA4 = logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + data.recency[i]);
      ll = logA1 + logA2 + logAddExp(logA3, logA4);
    }
    total += data.weight[i] * ll;
  }
  return total;
}

/**
 * Total log-likelihood and its gradient with respect to (r, alpha, a, b). The digamma differences
 * are finite sums, psi(r+x) - psi(r) = sum_{k<x} 1/(r+k), built once per call.
 */
export function bgNbdLogLikelihoodGradient(
  params: BgNbdParameters,
  data: CompressedRfm,
): { value: number; gradient: number[] } {
  const { r, alpha, a, b } = params;
  const maxX = maxOf(data.frequency);
  const [logRiseR, logRiseB, logRiseAB] = [risingLogs(r, maxX), risingLogs(b, maxX), risingLogs(a + b, maxX)];
  const [sumR, sumB, sumAB] = [
    risingReciprocals(r, maxX),
    risingReciprocals(b, maxX),
    risingReciprocals(a + b, maxX),
  ];
  const logAlpha = Math.log(alpha);
  let value = 0;
  let gr = 0;
  let galpha = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < data.weight.length; i++) {
    const w = data.weight[i];
    const x = data.frequency[i];
    const logAT = Math.log(alpha + data.T[i]);
    const logA3 = -(r + x) * logAT;
    let logRest = logA3;
    let pA = 1;
    let pB = 0;
    let logATx = 0;
    if (x > 0) {
      logATx = Math.log(alpha + data.recency[i]);
      const logA4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * logATx;
      logRest = logAddExp(logA3, logA4);
      pA = Math.exp(logA3 - logRest);
      pB = Math.exp(logA4 - logRest);
    }
    value += w * (logRiseR[x] + r * logAlpha + logRiseB[x] - logRiseAB[x] + logRest);
    gr += w * (sumR[x] + logAlpha - pA * logAT - pB * logATx);
    galpha +=
      w *
      (r / alpha -
        (pA * (r + x)) / (alpha + data.T[i]) -
        (x > 0 ? (pB * (r + x)) / (alpha + data.recency[i]) : 0));
    ga += w * (-sumAB[x] + pB / a);
    gb += w * (sumB[x] - sumAB[x] - (x > 0 ? pB / (b + x - 1) : 0));
  }
  return { value, gradient: [gr, galpha, ga, gb] };
}

/** sum_{k<x} 1 / (start + k) for x = 0..maxX (= psi(start + x) - psi(start)). */
export function risingReciprocals(start: number, maxX: number): Float64Array {
  const out = new Float64Array(maxX + 1);
  for (let x = 1; x <= maxX; x++) out[x] = out[x - 1] + 1 / (start + x - 1);
  return out;
}

/** ln(G(start + x) / G(start)) for x = 0..maxX. */
export function risingLogs(start: number, maxX: number): Float64Array {
  const out = new Float64Array(maxX + 1);
  for (let x = 1; x <= maxX; x++) out[x] = out[x - 1] + Math.log(start + x - 1);
  return out;
}

export function maxOf(values: Float64Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}

/** P(alive at T | x, t_x, T) = 1 / (1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)). */
export function bgNbdProbabilityAlive(params: BgNbdParameters, row: RfmRow): number {
  const { r, alpha, a, b } = params;
  return 1 / (1 + Math.exp(bgNbdLogDropoutOdds(r, alpha, a, b, row.frequency, row.recency, row.T)));
}

/**
 * E[X(t)]: expected purchases of a new customer in a period of length t (FHL 2005, eq. 9), as
 * E_p[(1 - (1 + p t/alpha)^-r) / p] by the positive series of `bgNbdAliveExpectation` (equal to
 * (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))] without its cancellations).
 */
export function bgNbdExpectedPurchases(params: BgNbdParameters, t: number): number {
  const { r, alpha, a, b } = params;
  return bgNbdAliveExpectation(r, a, b, t / alpha);
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t periods of a customer with history
 * (x, t_x, T) (FHL 2005, eq. 10) = P(alive) E[Y(t) | alive], the second factor by the positive
 * series of `bgNbdAliveExpectation`: finite and accurate at any parameters, including the
 * a -> 0, b -> infinity boundary where the 2F1 form loses every digit.
 */
export function bgNbdConditionalExpectedPurchases(params: BgNbdParameters, row: RfmRow, t: number): number {
  return bgNbdCumulativeExpectedPurchases(params, row, [t])[0];
}

/** E[Y(t) | x, t_x, T] at several horizons t (P(alive) computed once): the CLV path. */
export function bgNbdCumulativeExpectedPurchases(
  params: BgNbdParameters,
  row: RfmRow,
  times: readonly number[],
  out: Float64Array = new Float64Array(times.length),
): Float64Array {
  const { r, alpha, a, b } = params;
  const { frequency: x, recency: tx, T } = row;
  const alive = 1 / (1 + Math.exp(bgNbdLogDropoutOdds(r, alpha, a, b, x, tx, T)));
  for (let k = 0; k < times.length; k++) {
    out[k] = alive * bgNbdAliveExpectation(r + x, a, b + x, times[k] / (alpha + T));
  }
  return out;
}
