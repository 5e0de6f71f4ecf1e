import { nelderMead } from '../../optim/nelder-mead';
import { freeParameterNames, parametersAllowed } from './ets-admissible';
import { DEFAULT_BOUNDS, type EtsBounds, initialParameters, initialStates } from './ets-init';
import { etsLikelihood } from './ets-likelihood';
import { etsFilter, stateFrom } from './ets-recursion';
import type { EtsParams, EtsSpec } from './ets-spec';

/** What is minimised: -2 log-likelihood (`lik`, default) or a mean squared error. */
export type EtsCriterion = 'lik' | 'mse' | 'amse' | 'sigma' | 'mae';

export interface EtsFitOptions {
  bounds?: EtsBounds;
  criterion?: EtsCriterion;
  /** Steps averaged by `amse`. Default 3. */
  nmse?: number;
  /** Most objective evaluations of the optimiser. Default 2000. */
  maxEvaluations?: number;
}

/** A fitted ETS model of one series. */
export interface EtsFit {
  spec: EtsSpec;
  /** Season length used (1 without a season). */
  m: number;
  params: EtsParams;
  /** [l0, b0?, s_0..s_{m-1}] with s_{m-1} the season of the first value. */
  initialState: number[];
  /** The state after the last value. */
  finalState: number[];
  loglik: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Σe² / (n - parameters), the innovation variance. */
  sigma2: number;
  mse: number;
  /** Estimated parameters incl. initial states (R's `length(par)`). */
  parameterCount: number;
  /** Observed values used. */
  observed: number;
}

/**
 * Fits one ETS form by maximum likelihood as R's `forecast::ets` does: heuristic starting
 * parameters and states, then Nelder-Mead over smoothing parameters and initial states together
 * inside the usual and admissible bounds. Undefined when the series is too short for the form.
 */
export function fitEtsForm(
  y: ArrayLike<number>,
  spec: EtsSpec,
  seasonLength: number,
  options: EtsFitOptions = {},
): EtsFit | undefined {
  const bounds = options.bounds ?? DEFAULT_BOUNDS;
  const criterion = options.criterion ?? 'lik';
  const nmse = criterion === 'amse' ? (options.nmse ?? 3) : 1;
  const m = spec.season === 'N' ? 1 : seasonLength;
  const names = freeParameterNames(spec);
  const start = initialParameters(spec, m, bounds);
  const states = initialStates(y, spec, m);
  const x0 = [...names.map((name) => start[name] as number), ...states];
  const observed = countObserved(y);
  if (x0.length >= observed - 1) return undefined;
  const objective = makeObjective(y, spec, m, names, bounds, criterion, nmse, states.length);
  const optimum = nelderMead(objective, x0, { maxEvaluations: options.maxEvaluations ?? 2000 });
  return summarise(y, spec, m, names, optimum.x, observed);
}

/** The Nelder-Mead objective over [free params…, states…], allocation-free on the likelihood path. */
function makeObjective(
  y: ArrayLike<number>,
  spec: EtsSpec,
  m: number,
  names: ReturnType<typeof freeParameterNames>,
  bounds: EtsBounds,
  criterion: EtsCriterion,
  nmse: number,
  stateLength: number,
): (x: Float64Array) => number {
  const scratch = stateFrom(new Float64Array(stateLength + 1), spec, m);
  const init = new Float64Array(spec.season === 'N' ? stateLength : stateLength + 1);
  const params: EtsParams = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
  const free: { alpha: number; beta?: number; gamma?: number; phi?: number } = { alpha: 0 };
  const first = names.length;
  return (x: Float64Array) => {
    names.forEach((name, i) => {
      params[name] = x[i];
      free[name] = x[i];
    });
    if (!parametersAllowed(free, bounds, m)) return Number.POSITIVE_INFINITY;
    for (let i = 0; i < stateLength; i++) init[i] = x[first + i];
    if (!completeSeasons(init, stateLength, spec, m)) return Number.POSITIVE_INFINITY;
    if (criterion === 'lik') {
      const lik = etsLikelihood(y, spec, params, init, m, scratch);
      return Number.isNaN(lik) ? Number.POSITIVE_INFINITY : Math.max(lik, -1e10);
    }
    return criterionValue(etsFilter(y, spec, params, init, m, nmse), criterion);
  };
}

/** Writes the constrained last season into `init[stateLength]`; false when a multiplicative season is negative. */
function completeSeasons(init: Float64Array, stateLength: number, spec: EtsSpec, m: number): boolean {
  if (spec.season === 'N') return true;
  const first = spec.trend !== 'N' ? 2 : 1;
  let sum = 0;
  for (let i = first; i < stateLength; i++) sum += init[i];
  init[stateLength] = (spec.season === 'M' ? m : 0) - sum;
  if (spec.season === 'M') for (let i = first; i <= stateLength; i++) if (init[i] < 0) return false;
  return true;
}

function summarise(
  y: ArrayLike<number>,
  spec: EtsSpec,
  m: number,
  names: ReturnType<typeof freeParameterNames>,
  x: Float64Array,
  observed: number,
): EtsFit | undefined {
  const params = toParams(x, names);
  const initialState = fullState(x.subarray(names.length), spec, m);
  if (!initialState) return undefined;
  const result = etsFilter(y, spec, params, initialState, m, 1);
  if (!Number.isFinite(result.lik)) return undefined;
  const parameterCount = x.length;
  const np = parameterCount + 1;
  const aic = result.lik + 2 * np;
  let sumSquares = 0;
  for (const e of result.residuals) if (!Number.isNaN(e)) sumSquares += e * e;
  return {
    spec,
    m,
    params,
    initialState: Array.from(initialState),
    finalState: Array.from(result.finalState),
    loglik: -0.5 * result.lik,
    aic,
    aicc: aic + (2 * np * (np + 1)) / (observed - np - 1),
    bic: result.lik + Math.log(observed) * np,
    sigma2: sumSquares / (observed - parameterCount),
    mse: result.amse[0],
    parameterCount,
    observed,
  };
}

function criterionValue(result: ReturnType<typeof etsFilter>, criterion: EtsCriterion): number {
  let value: number;
  switch (criterion) {
    case 'lik':
      value = Math.max(result.lik, -1e10);
      break;
    case 'mse':
      value = result.amse[0];
      break;
    case 'amse':
      value = result.amse.reduce((a, b) => a + b, 0) / result.amse.length;
      break;
    case 'sigma':
    case 'mae': {
      let sum = 0;
      let count = 0;
      for (const e of result.residuals) {
        if (Number.isNaN(e)) continue;
        sum += criterion === 'sigma' ? e * e : Math.abs(e);
        count++;
      }
      value = sum / count;
      break;
    }
  }
  return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
}

/** Appends the last season from the constraint (sum 0, or m for multiplicative seasons). */
export function fullState(states: ArrayLike<number>, spec: EtsSpec, m: number): Float64Array | undefined {
  const out = new Float64Array(spec.season === 'N' ? states.length : states.length + 1);
  out.set(Array.from(states));
  return completeSeasons(out, states.length, spec, m) ? out : undefined;
}

function toParams(x: ArrayLike<number>, names: ReturnType<typeof freeParameterNames>): EtsParams {
  const params: EtsParams = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
  names.forEach((name, i) => {
    params[name] = x[i];
  });
  return params;
}

function countObserved(y: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i])) count++;
  return count;
}
