import { InvalidModelJsonError } from '@shoppilot/core';

/** The learned state every CLV model stores. */
export interface TransactionModelFit<P> {
  parameters: P;
  /** Total log-likelihood at the estimate. */
  logLikelihood: number;
  /** Customers it was fitted on. */
  customers: number;
  /** Objective evaluations the optimiser used. */
  evaluations: number;
  converged: boolean;
  /** Boundary estimates (parameters not identified, limit model) and convergence problems. */
  warnings: string[];
}

/** Validates a serialised fit: positive finite parameters with the given names. */
export function readFitState(
  kind: string,
  state: unknown,
  names: readonly string[],
): TransactionModelFit<unknown> {
  if (state == null || typeof state !== 'object') {
    throw new InvalidModelJsonError({ kind, path: 'state', message: 'expected an object' });
  }
  const record = state as Record<string, unknown>;
  const parameters = record.parameters as Record<string, unknown> | undefined;
  if (parameters == null || typeof parameters !== 'object') {
    throw new InvalidModelJsonError({ kind, path: 'state.parameters', message: 'expected an object' });
  }
  for (const name of names) {
    const value = parameters[name];
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      throw new InvalidModelJsonError({
        kind,
        path: `state.parameters.${name}`,
        message: 'expected a number > 0',
      });
    }
  }
  for (const field of ['logLikelihood', 'customers', 'evaluations'] as const) {
    if (typeof record[field] !== 'number') {
      throw new InvalidModelJsonError({ kind, path: `state.${field}`, message: 'expected a number' });
    }
  }
  return {
    parameters: Object.fromEntries(names.map((name) => [name, parameters[name]])),
    logLikelihood: record.logLikelihood as number,
    customers: record.customers as number,
    evaluations: record.evaluations as number,
    converged: record.converged === true,
    warnings: Array.isArray(record.warnings) ? record.warnings.map(String) : [],
  };
}

/** What CLV and churn need from a fitted repeat-purchase model (BG/NBD or Pareto/NBD). */
export interface RepeatPurchaseModel {
  conditionalExpectedPurchases(row: { frequency: number; recency: number; T: number }, t: number): number;
  probabilityAlive(row: { frequency: number; recency: number; T: number }): number;
  /**
   * E[Y(t) | history] at several horizons at once (optional; CLV uses it when present so that
   * the parts that do not depend on t, such as P(alive), are computed once per customer).
   */
  cumulativeExpectedPurchases?(
    row: { frequency: number; recency: number; T: number },
    times: readonly number[],
    out?: Float64Array,
  ): Float64Array;
}
