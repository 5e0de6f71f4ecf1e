import { solveLeastSquares } from '../../optim/least-squares';
import { classicalDecomposition, interpolateMissing, simpleRegression } from '../decompose';
import type { EtsSpec } from './ets-spec';

/** Bounds on (alpha, beta, gamma, phi), R's defaults. */
export interface EtsBounds {
  lower: [number, number, number, number];
  upper: [number, number, number, number];
}

export const DEFAULT_BOUNDS: EtsBounds = {
  lower: [1e-4, 1e-4, 1e-4, 0.8],
  upper: [0.9999, 0.9999, 0.9999, 0.98],
};

/** Starting smoothing parameters (Hyndman et al. 2008; R's `initparam` with the usual bounds). */
export function initialParameters(
  spec: EtsSpec,
  m: number,
  bounds: EtsBounds,
): { alpha: number; beta?: number; gamma?: number; phi?: number } {
  const { lower } = bounds;
  const upper = [...bounds.upper];
  let alpha = lower[0] + (0.2 * (upper[0] - lower[0])) / m;
  if (alpha > 1 || alpha < 0) alpha = lower[0] + 2e-3;
  const out: { alpha: number; beta?: number; gamma?: number; phi?: number } = { alpha };
  if (spec.trend !== 'N') {
    upper[1] = Math.min(upper[1], alpha);
    let beta = lower[1] + 0.1 * (upper[1] - lower[1]);
    if (beta < 0 || beta > alpha) beta = alpha - 1e-3;
    out.beta = beta;
  }
  if (spec.season !== 'N') {
    upper[2] = Math.min(upper[2], 1 - alpha);
    let gamma = lower[2] + 0.05 * (upper[2] - lower[2]);
    if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 1e-3;
    out.gamma = gamma;
  }
  if (spec.damped) {
    let phi = lower[3] + 0.99 * (upper[3] - lower[3]);
    if (phi < 0 || phi > 1) phi = upper[3] - 1e-3;
    out.phi = phi;
  }
  return out;
}

/**
 * Heuristic initial states [l0, b0?, s_0..s_{m-2}] (the last season follows from the constraint):
 * a classical decomposition of the series (a linear trend + one Fourier pair when shorter than
 * 3 seasons) for the seasons, then a regression on the first max(10, 2m) seasonally adjusted values
 * for level and trend — the procedure of Hyndman et al. (2008, §2.6.1) as in R's `ets`.
 */
export function initialStates(yRaw: ArrayLike<number>, spec: EtsSpec, m: number): number[] {
  const y = interpolateMissing(yRaw);
  const n = y.length;
  let seasons: number[] = [];
  let adjusted: Float64Array = y;
  if (spec.season !== 'N') {
    const seasonal =
      n < 3 * m
        ? fourierSeasonal(y, m, spec.season)
        : classicalDecomposition(y, m, spec.season === 'A' ? 'additive' : 'multiplicative').seasonal;
    seasons = Array.from({ length: m - 1 }, (_, j) => seasonal[m - 1 - j]);
    if (spec.season === 'A') adjusted = y.map((v, t) => v - seasonal[t]);
    else {
      seasons = seasons.map((s) => Math.max(s, 0.01));
      const total = seasons.reduce((a, b) => a + b, 0);
      if (total > m) {
        const scale = seasons.reduce((a, b) => a + b + 0.01, 0);
        seasons = seasons.map((s) => s / scale);
      }
      adjusted = y.map((v, t) => v / Math.max(seasonal[t], 0.01));
    }
  }
  const maxn = Math.min(Math.max(10, 2 * (spec.season !== 'N' ? m : 1)), adjusted.length);
  const head = adjusted.subarray(0, maxn);
  if (spec.trend === 'N') {
    return [head.reduce((a, b) => a + b, 0) / maxn, ...seasons];
  }
  const { intercept, slope } = simpleRegression(
    Float64Array.from({ length: maxn }, (_, i) => i + 1),
    head,
  );
  if (spec.trend === 'A') {
    let [l0, b0] = [intercept, slope];
    if (Math.abs(l0 + b0) < 1e-8) {
      l0 *= 1 + 1e-3;
      b0 *= 1 - 1e-3;
    }
    return [l0, b0, ...seasons];
  }
  let l0 = intercept + slope;
  if (Math.abs(l0) < 1e-8) l0 = 1e-7;
  let b0 = (intercept + 2 * slope) / l0;
  l0 /= b0;
  if (Math.abs(b0) > 1e10) b0 = Math.sign(b0) * 1e10;
  if (l0 < 1e-8 || b0 < 1e-8) {
    l0 = Math.max(adjusted[0], 1e-3);
    b0 = Math.max(adjusted[1] / adjusted[0], 1e-3);
  }
  return [l0, b0, ...seasons];
}

/** Seasonal component from a regression on [1, t, sin(2πt/m), cos(2πt/m)] (short series). */
function fourierSeasonal(y: Float64Array, m: number, season: 'A' | 'M'): Float64Array {
  const n = y.length;
  const columns = m === 2 ? 3 : 4;
  const design = Array.from({ length: n }, (_, i) => {
    const t = i + 1;
    const angle = (2 * Math.PI * t) / m;
    return columns === 4 ? [1, t, Math.sin(angle), Math.cos(angle)] : [1, t, Math.cos(angle)];
  });
  const coef = solveLeastSquares(design, Array.from(y));
  return y.map((v, i) => {
    const base = coef[0] + coef[1] * (i + 1);
    return season === 'A' ? v - base : v / base;
  });
}
