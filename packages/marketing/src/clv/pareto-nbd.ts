import { logAddExp, logHyp2f1, logIntegrate, logSubExp } from '../math/index';
import { maxOf, risingLogs } from './bg-nbd';
import type { CompressedRfm, RfmRow } from './rfm-data';

/** Pareto/NBD parameters: purchase rate ~ Gamma(r, alpha), drop-out rate ~ Gamma(s, beta). */
export interface ParetoNbdParameters {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** Series terms allowed before A0 is integrated directly instead. */
const SERIES_TERMS = 400;

/**
 * ln A0 of Fader & Hardie (2005), "A note on deriving the Pareto/NBD model and related
 * expressions", eq. (19)-(20), with the 2F1 terms in log space:
 *   alpha >= beta: A0 = F(z(t_x)) / (alpha+t_x)^(r+s+x) - F(z(T)) / (alpha+T)^(r+s+x),
 *     F(z) = 2F1(r+s+x, s+1; r+s+x+1; z), z(t) = (alpha-beta)/(alpha+t);
 *   alpha < beta:  the same with alpha and beta swapped and F(z) = 2F1(r+s+x, r+x; r+s+x+1; z).
 * Both branches keep 0 <= z < 1, where the series has positive terms. The series converges like
 * z^n (faster after Euler's transformation when x is large), so when it has not settled within 400
 * terms (z near 1: a tiny beta or alpha next to a large other one) A0 is computed from
 * its definition, A0 = (r+s+x) int_{t_x}^{T} (alpha+u)^-(r+x) (beta+u)^-(s+1) du,
 * by Gauss-Legendre quadrature in the log of (min(alpha, beta) + u), where the integrand is smooth.
 */
export function paretoNbdLogA0(params: ParetoNbdParameters, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const m = r + s + x;
  const [big, small, b2] = alpha >= beta ? [alpha, beta, s + 1] : [beta, alpha, r + x];
  const term = (t: number) =>
    logHyp2f1(m, b2, m + 1, (big - small) / (big + t), SERIES_TERMS).log - m * Math.log(big + t);
  const value = logSubExp(term(tx), term(T));
  // NaN: the series did not settle within SERIES_TERMS (argument near 1); integrate instead.
  return Number.isNaN(value) ? Math.log(m) + logA0Integral(params, x, tx, T) : value;
}

/** ln of int_{tx}^{T} (alpha+u)^-(r+x) (beta+u)^-(s+1) du, integrated over y = ln(min(alpha,beta) + u). */
function logA0Integral(params: ParetoNbdParameters, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const offset = Math.min(alpha, beta);
  const logIntegrand = (y: number) => {
    const v = Math.exp(y);
    return y - (r + x) * Math.log(alpha - offset + v) - (s + 1) * Math.log(beta - offset + v);
  };
  return logIntegrate(logIntegrand, Math.log(offset + tx), Math.log(offset + T));
}

/**
 * Log-likelihood of one customer under the Pareto/NBD (Schmittlein, Morrison & Colombo 1987), in
 * the form of Fader & Hardie (2005), eq. (22):
 *   L = G(r+x) alpha^r beta^s / G(r) * [ 1/((alpha+T)^(r+x) (beta+T)^s) + s/(r+s+x) A0 ].
 */
export function paretoNbdLogLikelihood(
  params: ParetoNbdParameters,
  x: number,
  tx: number,
  T: number,
  logRise?: number,
): number {
  const { r, alpha, s, beta } = params;
  const logFront = (logRise ?? risingLogs(r, x)[x]) + r * Math.log(alpha) + s * Math.log(beta);
  const logFirst = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const logSecond = Math.log(s / (r + s + x)) + paretoNbdLogA0(params, x, tx, T);
  return logFront + logAddExp(logFirst, logSecond);
}

export function paretoNbdTotalLogLikelihood(params: ParetoNbdParameters, data: CompressedRfm): number {
  const logRise = risingLogs(params.r, maxOf(data.frequency));
  let total = 0;
  for (let i = 0; i < data.weight.length; i++) {
    const x = data.frequency[i];
    total += data.weight[i] * paretoNbdLogLikelihood(params, x, data.recency[i], data.T[i], logRise[x]);
  }
  return total;
}

/** P(alive at T | x, t_x, T) = 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0)  (F&H 2005, eq. 24). */
export function paretoNbdProbabilityAlive(params: ParetoNbdParameters, row: RfmRow): number {
  const { r, alpha, s, beta } = params;
  const { frequency: x, recency: tx, T } = row;
  const logRatio =
    Math.log(s / (r + s + x)) +
    (r + x) * Math.log(alpha + T) +
    s * Math.log(beta + T) +
    paretoNbdLogA0(params, x, tx, T);
  if (logRatio === Number.NEGATIVE_INFINITY) return 1;
  return 1 / (1 + Math.exp(logRatio));
}

/**
 * E[Y(t) | x, t_x, T] = (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive)
 * (F&H 2005, eq. 27); the s -> 1 limit (r+x)/(alpha+T) (beta+T) ln((beta+T+t)/(beta+T)) is used
 * near s = 1.
 */
export function paretoNbdConditionalExpectedPurchases(
  params: ParetoNbdParameters,
  row: RfmRow,
  t: number,
): number {
  return paretoNbdCumulativeExpectedPurchases(params, row, [t])[0];
}

/** E[Y(t) | x, t_x, T] at several horizons t (P(alive), the costly part, computed once). */
export function paretoNbdCumulativeExpectedPurchases(
  params: ParetoNbdParameters,
  row: RfmRow,
  times: readonly number[],
  out: Float64Array = new Float64Array(times.length),
): Float64Array {
  const { r, alpha, s, beta } = params;
  const { frequency: x, T } = row;
  const scale = ((r + x) / (alpha + T)) * paretoNbdProbabilityAlive(params, row);
  for (let k = 0; k < times.length; k++) {
    const logRatio = Math.log(beta + T) - Math.log(beta + T + times[k]);
    const life =
      Math.abs(s - 1) < 1e-8
        ? (beta + T) * -logRatio
        : ((beta + T) / (s - 1)) * -Math.expm1((s - 1) * logRatio);
    out[k] = scale * life;
  }
  return out;
}

/** E[X(t)] for a new customer: r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]  (F&H 2005, eq. 17). */
export function paretoNbdExpectedPurchases(params: ParetoNbdParameters, t: number): number {
  const { r, alpha, s, beta } = params;
  const logRatio = Math.log(beta) - Math.log(beta + t);
  if (Math.abs(s - 1) < 1e-8) return ((r * beta) / alpha) * -logRatio;
  return ((r * beta) / (alpha * (s - 1))) * -Math.expm1((s - 1) * logRatio);
}
