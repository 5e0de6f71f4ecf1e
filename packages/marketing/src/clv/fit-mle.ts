import { nelderMead } from '../math/index';

export interface MleOptions {
  /** L2 penalty on the parameters (as lifetimes' `penalizer_coef`): adds penalizer * sum(p^2). Default 0. */
  penalizer?: number;
  /** Objective-evaluation budget of the optimiser. Default 5,000. */
  maxEvaluations?: number;
  /** Starting parameter values (all > 0). Default all 1. */
  initial?: readonly number[];
  signal?: AbortSignal;
}

export interface MleResult {
  parameters: number[];
  /** Total log-likelihood at the estimate (without the penalty). */
  logLikelihood: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Maximum likelihood over strictly positive parameters: Nelder-Mead on their logarithms
 * (so the search is unconstrained and scale-free) minimising -LL / n + penalty.
 * Dividing by n keeps the tolerance meaningful for any number of customers.
 */
export function fitMaximumLikelihood(
  logLikelihood: (parameters: number[]) => number,
  dimension: number,
  customers: number,
  options: MleOptions = {},
): MleResult {
  const penalizer = options.penalizer ?? 0;
  const start = (options.initial ?? new Array<number>(dimension).fill(1)).map(Math.log);
  const objective = (logParameters: number[]) => {
    const parameters = logParameters.map(Math.exp);
    const penalty = penalizer * parameters.reduce((sum, p) => sum + p * p, 0);
    return -logLikelihood(parameters) / customers + penalty;
  };
  const result = nelderMead(objective, start, {
    maxEvaluations: options.maxEvaluations ?? 5000,
    functionTolerance: 1e-10,
    pointTolerance: 1e-7,
    signal: options.signal,
  });
  const parameters = result.x.map(Math.exp);
  return {
    parameters,
    logLikelihood: logLikelihood(parameters),
    evaluations: result.evaluations,
    converged: result.converged,
  };
}
