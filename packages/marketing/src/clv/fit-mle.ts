import { bfgs, nelderMead, type ValueAndGradient } from '../math/index';

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
 * Maximum likelihood over strictly positive parameters, searched on their logarithms (so the
 * search is unconstrained and scale-free) minimising -LL / n + penalty: BFGS when an analytic
 * gradient is given (falling back to Nelder-Mead from where it stopped if it does not converge),
 * otherwise Nelder-Mead.
 * Dividing by n keeps the tolerance meaningful for any number of customers.
 */
export function fitMaximumLikelihood(
  logLikelihood: (parameters: number[]) => number,
  dimension: number,
  customers: number,
  options: MleOptions = {},
  logLikelihoodWithGradient?: ((parameters: number[]) => ValueAndGradient) | 'numeric',
): MleResult {
  const penalizer = options.penalizer ?? 0;
  const start = (options.initial ?? new Array<number>(dimension).fill(1)).map(Math.log);
  const objective = (logParameters: number[]) => {
    const parameters = logParameters.map(Math.exp);
    const penalty = penalizer * parameters.reduce((sum, p) => sum + p * p, 0);
    return -logLikelihood(parameters) / customers + penalty;
  };
  let from = start;
  let evaluations = 0;
  if (logLikelihoodWithGradient === 'numeric') {
    // BFGS with central differences on the log-parameters (2 x dimension evaluations per gradient).
    const smooth = bfgs((u) => ({ value: objective(u), gradient: centralDifferences(objective, u) }), start, {
      signal: options.signal,
      gradientTolerance: 1e-8,
    });
    evaluations += smooth.evaluations * (1 + 2 * dimension);
    from = smooth.x;
  } else if (logLikelihoodWithGradient) {
    // BFGS on log-parameters with the analytic gradient (chain rule d/du = theta d/dtheta).
    const smooth = bfgs(
      (logParameters) => {
        const parameters = logParameters.map(Math.exp);
        const { value, gradient } = logLikelihoodWithGradient(parameters);
        return {
          value: -value / customers + penalizer * parameters.reduce((sum, p) => sum + p * p, 0),
          gradient: parameters.map((p, i) => p * (-gradient[i] / customers + 2 * penalizer * p)),
        };
      },
      start,
      { signal: options.signal, gradientTolerance: 1e-10 },
    );
    evaluations += smooth.evaluations;
    if (smooth.converged) return finish(logLikelihood, smooth.x, evaluations, true);
    from = smooth.x;
  }
  const result = nelderMead(objective, from, {
    maxEvaluations: options.maxEvaluations ?? 5000,
    functionTolerance: 1e-10,
    pointTolerance: 1e-7,
    signal: options.signal,
  });
  return finish(logLikelihood, result.x, evaluations + result.evaluations, result.converged);
}

function centralDifferences(f: (u: number[]) => number, u: number[], h = 1e-5): number[] {
  return u.map((_, i) => {
    const up = [...u];
    const down = [...u];
    up[i] += h;
    down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

function finish(
  logLikelihood: (parameters: number[]) => number,
  logParameters: number[],
  evaluations: number,
  converged: boolean,
): MleResult {
  const parameters = logParameters.map(Math.exp);
  return { parameters, logLikelihood: logLikelihood(parameters), evaluations, converged };
}
