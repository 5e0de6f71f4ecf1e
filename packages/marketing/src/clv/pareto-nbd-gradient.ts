import { gaussLegendre, logAddExp } from '../math/index';
import { maxOf, risingLogs, risingReciprocals } from './bg-nbd';
import type { ParetoNbdParameters } from './pareto-nbd';
import type { CompressedRfm } from './rfm-data';

/**
 * Pareto/NBD total log-likelihood and its gradient in (r, alpha, s, beta), from the integral form
 *   L = G(r+x) alpha^r beta^s / G(r) * [E + s I],  E = (alpha+T)^-(r+x) (beta+T)^-s,
 *   I = int_{t_x}^{T} f(u) du,  f(u) = (alpha+u)^-(r+x) (beta+u)^-(s+1)
 * (Fader & Hardie 2005, eq. 22 before the 2F1 closed form). The derivatives of I are integrals of
 * f times -ln(alpha+u), -(r+x)/(alpha+u), -ln(beta+u), -(s+1)/(beta+u), so one Gauss-Legendre pass
 * in y = ln(min(alpha, beta) + u) (panels no wider than min(0.5, 8/(r+x+s+2)), where the integrand
 * is smooth) gives the value and all four. Used to fit by BFGS; `paretoNbdLogLikelihood` (2F1) is
 * the independent check.
 */
export function paretoNbdLogLikelihoodGradient(
  params: ParetoNbdParameters,
  data: CompressedRfm,
): { value: number; gradient: number[] } {
  const { r, alpha, s, beta } = params;
  const maxX = maxOf(data.frequency);
  const logRise = risingLogs(r, maxX);
  const psiRise = risingReciprocals(r, maxX);
  const [logAlpha, logBeta] = [Math.log(alpha), Math.log(beta)];
  const total = { value: 0, r: 0, alpha: 0, s: 0, beta: 0 };
  for (let i = 0; i < data.weight.length; i++) {
    const x = data.frequency[i];
    const T = data.T[i];
    const logE = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    const integral = integrate(params, x, data.recency[i], T);
    const logSI = Math.log(s) + integral.logI;
    const logSum = logAddExp(logE, logSI);
    const pE = Math.exp(logE - logSum);
    const pI = Math.exp(logSI - logSum);
    const w = data.weight[i];
    total.value += w * (logRise[x] + r * logAlpha + s * logBeta + logSum);
    total.r += w * (psiRise[x] + logAlpha - pE * Math.log(alpha + T) + pI * integral.dr);
    total.alpha += w * (r / alpha - (pE * (r + x)) / (alpha + T) + pI * integral.dalpha);
    total.s += w * (logBeta - pE * Math.log(beta + T) + pI * (1 / s + integral.ds));
    total.beta += w * (s / beta - (pE * s) / (beta + T) + pI * integral.dbeta);
  }
  return { value: total.value, gradient: [total.r, total.alpha, total.s, total.beta] };
}

/** Scratch buffers reused across calls (grown on demand): log terms, ln(alpha+u), ln(beta+u), 1/(alpha+u), 1/(beta+u). */
let scratch = {
  size: 0,
  terms: new Float64Array(0),
  la: new Float64Array(0),
  lb: new Float64Array(0),
  ia: new Float64Array(0),
  ib: new Float64Array(0),
};

function buffers(count: number) {
  if (scratch.size < count) {
    const size = Math.max(count, 2 * scratch.size);
    scratch = {
      size,
      terms: new Float64Array(size),
      la: new Float64Array(size),
      lb: new Float64Array(size),
      ia: new Float64Array(size),
      ib: new Float64Array(size),
    };
  }
  return scratch;
}

/**
 * ln I and the ratios (dI/dtheta) / I by composite 16-point Gauss-Legendre in y = ln(offset + u):
 * one pass for the log terms (each logarithm computed once), one for the weighted sums.
 */
function integrate(params: ParetoNbdParameters, x: number, tx: number, T: number) {
  const { r, alpha, s, beta } = params;
  const empty = { logI: Number.NEGATIVE_INFINITY, dr: 0, dalpha: 0, ds: 0, dbeta: 0 };
  if (!(T > tx)) return empty;
  const offset = Math.min(alpha, beta);
  const lower = Math.log(offset + tx);
  const upper = Math.log(offset + T);
  const width = Math.min(0.5, 8 / (r + x + s + 2));
  const panels = Math.max(1, Math.ceil((upper - lower) / width));
  const h = (upper - lower) / panels;
  const { nodes } = gaussLegendre(16);
  const count = panels * 16;
  const { terms, la, lb, ia, ib } = buffers(count);
  const [ra, sb, logHalf] = [r + x, s + 1, Math.log(h / 2)];
  let max = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < panels; p++) {
    const mid = lower + (p + 0.5) * h;
    for (let j = 0; j < 16; j++) {
      const y = mid + (nodes[j] * h) / 2;
      const v = Math.exp(y);
      const k = p * 16 + j;
      const a = alpha - offset + v; // alpha + u
      const b = beta - offset + v; // beta + u
      la[k] = Math.log(a);
      lb[k] = Math.log(b);
      ia[k] = 1 / a;
      ib[k] = 1 / b;
      terms[k] = logWeights16[j] + logHalf + y - ra * la[k] - sb * lb[k];
      if (terms[k] > max) max = terms[k];
    }
  }
  let sum = 0;
  let sr = 0;
  let sa = 0;
  let ss = 0;
  let sbeta = 0;
  for (let k = 0; k < count; k++) {
    const q = Math.exp(terms[k] - max);
    sum += q;
    sr += q * la[k];
    sa += q * ia[k];
    ss += q * lb[k];
    sbeta += q * ib[k];
  }
  return {
    logI: max + Math.log(sum),
    dr: -sr / sum,
    dalpha: (-ra * sa) / sum,
    ds: -ss / sum,
    dbeta: (-sb * sbeta) / sum,
  };
}

const logWeights16 = Array.from(gaussLegendre(16).weights, Math.log);
