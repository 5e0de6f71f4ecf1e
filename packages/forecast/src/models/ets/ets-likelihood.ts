import { BAD_FORECAST, type EtsState, stateFrom, updateState } from './ets-recursion';
import type { EtsParams, EtsSpec } from './ets-spec';

const TOL = 1e-10;

/**
 * The optimiser's objective: -2 log-likelihood (up to a constant) of `etsFilter`, computed without
 * allocating per call (the fit loop evaluates it thousands of times per series). NaN when the
 * recursion breaks down.
 */
export function etsLikelihood(
  y: ArrayLike<number>,
  spec: EtsSpec,
  params: EtsParams,
  initialState: ArrayLike<number>,
  m: number,
  state?: EtsState,
): number {
  if (spec.season === 'N' && spec.trend !== 'M') return nonSeasonalLikelihood(y, spec, params, initialState);
  const s = state ?? stateFrom(initialState, spec, m);
  if (state) resetState(s, initialState, spec, m);
  const seasonal = spec.season !== 'N';
  const multiplicative = spec.error === 'M';
  let sumSquares = 0;
  let sumLog = 0;
  let observed = 0;
  for (let i = 0; i < y.length; i++) {
    let f: number;
    if (spec.trend === 'N') f = s.level;
    else if (spec.trend === 'A') f = s.level + params.phi * s.growth;
    else if (s.growth < 0) return Number.NaN;
    else f = s.level * s.growth ** params.phi;
    if (seasonal) f = spec.season === 'A' ? f + s.season[m - 1] : f * s.season[m - 1];
    if (Math.abs(f - BAD_FORECAST) < TOL) return Number.NaN;
    let yi = y[i];
    if (Number.isNaN(yi)) yi = f;
    else {
      const e = multiplicative ? (yi - f) / f : yi - f;
      sumSquares += e * e;
      if (multiplicative) sumLog += Math.log(Math.abs(f));
      observed++;
    }
    updateState(s, yi, spec, params, m);
  }
  return observed * Math.log(sumSquares) + 2 * sumLog;
}

function resetState(s: EtsState, vector: ArrayLike<number>, spec: EtsSpec, m: number): void {
  const hasTrend = spec.trend !== 'N';
  s.level = vector[0];
  s.growth = hasTrend ? vector[1] : 0;
  if (spec.season !== 'N') for (let j = 0; j < m; j++) s.season[j] = vector[(hasTrend ? 2 : 1) + j];
}

/** The same objective for ETS(·,N,N), ETS(·,A,N) and ETS(·,Ad,N), with the update written out (the hot path of panels of short weekly series). */
function nonSeasonalLikelihood(
  y: ArrayLike<number>,
  spec: EtsSpec,
  params: EtsParams,
  initialState: ArrayLike<number>,
): number {
  const trend = spec.trend === 'A';
  const multiplicative = spec.error === 'M';
  const { alpha, phi } = params;
  const betaOverAlpha = params.beta / alpha;
  let level = initialState[0];
  let growth = trend ? initialState[1] : 0;
  let sumSquares = 0;
  let sumLog = 0;
  let observed = 0;
  for (let i = 0; i < y.length; i++) {
    const phib = trend ? phi * growth : 0;
    const f = level + phib;
    let yi = y[i];
    if (Number.isNaN(yi)) yi = f;
    else {
      const e = multiplicative ? (yi - f) / f : yi - f;
      sumSquares += e * e;
      if (multiplicative) sumLog += Math.log(Math.abs(f));
      observed++;
    }
    const newLevel = f + alpha * (yi - f);
    if (trend) growth = phib + betaOverAlpha * (newLevel - level - phib);
    level = newLevel;
  }
  return observed * Math.log(sumSquares) + 2 * sumLog;
}
