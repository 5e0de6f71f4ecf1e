import type { EtsParams, EtsSpec } from './ets-spec';

const TOL = 1e-10;
const HUGEN = 1e10;
/** Marker of an impossible forecast (multiplicative trend gone negative). */
export const BAD_FORECAST = -99999;

export interface EtsFilterResult {
  /** n·log(Σe²) (+ 2·Σlog|ŷ| for multiplicative errors): -2 × log-likelihood up to a constant. */
  lik: number;
  /** Innovations (NaN where y is missing). */
  residuals: Float64Array;
  /** Average squared 1..nmse-step errors. */
  amse: Float64Array;
  /** The state after the last observation: [l, b?, s_1..s_m], s_1 the most recent season. */
  finalState: Float64Array;
  /** One-step fitted values. */
  fitted: Float64Array;
  /** Observed points used. */
  observed: number;
}

/**
 * Runs the ETS state-space recursion (Hyndman et al. 2008, ch. 2) over y from an initial state
 * `[l0, b0?, s_0..s_{m-1}]` (s_{m-1} is the season of the first observation). A missing y keeps the
 * forecast as the observation (zero innovation), so states move on without learning.
 */
export function etsFilter(
  y: ArrayLike<number>,
  spec: EtsSpec,
  params: EtsParams,
  initialState: ArrayLike<number>,
  m: number,
  nmse = 1,
): EtsFilterResult {
  const n = y.length;
  const period = spec.season !== 'N' ? m : 1;
  const state = stateFrom(initialState, spec, m);
  const residuals = new Float64Array(n);
  const fitted = new Float64Array(n);
  const amse = new Float64Array(nmse);
  const denom = new Float64Array(nmse);
  const f = new Float64Array(nmse);
  let sumSquares = 0;
  let sumLog = 0;
  let observed = 0;
  for (let i = 0; i < n; i++) {
    etsForecastInto(state.level, state.growth, state.season, period, spec, params.phi, f);
    fitted[i] = f[0];
    if (Math.abs(f[0] - BAD_FORECAST) < TOL) return badResult(n, nmse);
    let yi = y[i];
    if (Number.isNaN(yi)) {
      residuals[i] = Number.NaN;
      yi = f[0];
    } else {
      residuals[i] = spec.error === 'A' ? yi - f[0] : (yi - f[0]) / f[0];
      for (let j = 0; j < nmse && i + j < n; j++) {
        const target = y[i + j];
        if (Number.isNaN(target)) continue;
        denom[j]++;
        const d = target - f[j];
        amse[j] = (amse[j] * (denom[j] - 1) + d * d) / denom[j];
      }
      sumSquares += residuals[i] * residuals[i];
      sumLog += Math.log(Math.abs(f[0]));
      observed++;
    }
    updateState(state, yi, spec, params, m);
  }
  let lik = observed * Math.log(sumSquares);
  if (spec.error === 'M') lik += 2 * sumLog;
  const finalState = stateVector(state, spec);
  return { lik, residuals, amse, finalState, fitted, observed };
}

/** Point forecasts 1..f.length steps ahead from a state (written into `f`). */
export function etsForecastInto(
  level: number,
  growth: number,
  season: ArrayLike<number>,
  m: number,
  spec: EtsSpec,
  phi: number,
  f: Float64Array,
): void {
  let phiStar = phi;
  for (let i = 0; i < f.length; i++) {
    let value: number;
    if (spec.trend === 'N') value = level;
    else if (spec.trend === 'A') value = level + phiStar * growth;
    else if (growth < 0) value = BAD_FORECAST;
    else value = level * growth ** phiStar;
    if (spec.season !== 'N') {
      let j = m - 1 - i;
      while (j < 0) j += m;
      if (spec.season === 'A') value += season[j];
      else value *= season[j];
    }
    f[i] = value;
    if (i < f.length - 1) phiStar += Math.abs(phi - 1) < TOL ? 1 : phi ** (i + 2);
  }
}

/** Point forecasts from a full state vector `[l, b?, s_1..s_m]`. */
export function etsPointForecast(
  state: ArrayLike<number>,
  spec: EtsSpec,
  phi: number,
  m: number,
  horizon: number,
): Float64Array {
  const hasTrend = spec.trend !== 'N';
  const season =
    spec.season !== 'N' ? Array.from({ length: m }, (_, j) => state[(hasTrend ? 2 : 1) + j]) : [0];
  const f = new Float64Array(horizon);
  etsForecastInto(state[0], hasTrend ? state[1] : 0, season, spec.season !== 'N' ? m : 1, spec, phi, f);
  return f;
}

function badResult(n: number, nmse: number): EtsFilterResult {
  return {
    lik: Number.NaN,
    residuals: new Float64Array(n).fill(Number.NaN),
    amse: new Float64Array(nmse).fill(Number.NaN),
    finalState: new Float64Array(0),
    fitted: new Float64Array(n).fill(Number.NaN),
    observed: 0,
  };
}

/** The moving parts of an ETS state. `season[0]` is the most recent season. */
export interface EtsState {
  level: number;
  growth: number;
  season: Float64Array;
  scratch: Float64Array;
}

/** Unpacks `[l, b?, s_1..s_m]`. */
export function stateFrom(vector: ArrayLike<number>, spec: EtsSpec, m: number): EtsState {
  const hasTrend = spec.trend !== 'N';
  const season =
    spec.season !== 'N'
      ? Float64Array.from({ length: m }, (_, j) => vector[(hasTrend ? 2 : 1) + j])
      : new Float64Array(1);
  return {
    level: vector[0],
    growth: hasTrend ? vector[1] : 0,
    season,
    scratch: new Float64Array(season.length),
  };
}

/** Packs a state back into `[l, b?, s_1..s_m]`. */
export function stateVector(state: EtsState, spec: EtsSpec): Float64Array {
  const parts = [
    state.level,
    ...(spec.trend !== 'N' ? [state.growth] : []),
    ...(spec.season !== 'N' ? state.season : []),
  ];
  return Float64Array.from(parts);
}

/** One step of the error-correction state update after observing `y`. */
export function updateState(state: EtsState, y: number, spec: EtsSpec, params: EtsParams, m: number): void {
  const { level, growth } = state;
  let q: number;
  let phib = 0;
  if (spec.trend === 'N') q = level;
  else if (spec.trend === 'A') {
    phib = params.phi * growth;
    q = level + phib;
  } else {
    phib = growth ** params.phi;
    q = level * phib;
  }
  const seasonal = spec.season !== 'N';
  const oldSeason = seasonal ? state.season[m - 1] : 0;
  let p: number;
  if (!seasonal) p = y;
  else if (spec.season === 'A') p = y - oldSeason;
  else p = Math.abs(oldSeason) < TOL ? HUGEN : y / oldSeason;
  const newLevel = q + params.alpha * (p - q);
  if (spec.trend !== 'N') {
    let r: number;
    if (spec.trend === 'A') r = newLevel - level;
    else r = Math.abs(level) < TOL ? HUGEN : newLevel / level;
    state.growth = phib + (params.beta / params.alpha) * (r - phib);
  }
  if (seasonal) {
    let t: number;
    if (spec.season === 'A') t = y - q;
    else t = Math.abs(q) < TOL ? HUGEN : y / q;
    const next = state.scratch;
    next[0] = oldSeason + params.gamma * (t - oldSeason);
    for (let j = 1; j < m; j++) next[j] = state.season[j - 1];
    state.scratch = state.season;
    state.season = next;
  }
  state.level = newLevel;
}
