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

/** ln I and the ratios (dI/dtheta) / I by composite 16-point Gauss-Legendre in y = ln(offset + u). */
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
  const { nodes, weights } = gaussLegendre(16);
  const count = panels * 16;
  const logTerms = new Float64Array(count);
  const la = new Float64Array(count);
  const lb = new Float64Array(count);
  let max = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < panels; p++) {
    const mid = lower + (p + 0.5) * h;
    for (let j = 0; j < 16; j++) {
      const y = mid + (nodes[j] * h) / 2;
      const v = Math.exp(y);
      const k = p * 16 + j;
      la[k] = alpha - offset + v; // alpha + u
      lb[k] = beta - offset + v; // beta + u
      logTerms[k] =
        Math.log((weights[j] * h) / 2) + y - (r + x) * Math.log(la[k]) - (s + 1) * Math.log(lb[k]);
      if (logTerms[k] > max) max = logTerms[k];
    }
  }
  let sum = 0;
  let sr = 0;
  let sa = 0;
  let ss = 0;
  let sb = 0;
  for (let k = 0; k < count; k++) {
    const q = Math.exp(logTerms[k] - max);
    sum += q;
    sr -= q * Math.log(la[k]);
    sa -= (q * (r + x)) / la[k];
    ss -= q * Math.log(lb[k]);
    sb -= (q * (s + 1)) / lb[k];
  }
  return { logI: max + Math.log(sum), dr: sr / sum, dalpha: sa / sum, ds: ss / sum, dbeta: sb / sum };
}
