import { BaseEstimator, parseModelJson } from '@shoppilot/core';
import type { RepeatPurchasePrediction } from './bg-nbd-model';
import { fitMaximumLikelihood, type MleOptions } from './fit-mle';
import { paretoNbdFitWarnings } from './fit-warnings';
import { readFitState, type TransactionModelFit } from './model-state';
import {
  type ParetoNbdParameters,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdCumulativeExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
  paretoNbdTotalLogLikelihood,
} from './pareto-nbd';
import { paretoNbdLogLikelihoodGradient } from './pareto-nbd-gradient';
import { compressRfm, type RfmRow } from './rfm-data';

export interface ParetoNbdOptions {
  /** L2 penalty on (r, alpha, s, beta), as lifetimes' `penalizer_coef`. Default 0 (plain MLE). */
  penalizer?: number;
  /** Optimiser evaluation budget. Default 5,000. */
  maxEvaluations?: number;
  /** Starting values [r, alpha, s, beta]. Default [1, 1, 1, 1]. */
  initial?: [number, number, number, number];
}

export type ParetoNbdState = TransactionModelFit<ParetoNbdParameters>;

const KIND = 'marketing.pareto-nbd';

/**
 * The Pareto/NBD repeat-purchase model (Schmittlein, Morrison & Colombo 1987), fitted by maximum
 * likelihood on (frequency, recency, T) summaries: BFGS on log-parameters with the value and
 * gradient of the likelihood's integral form (Gauss-Legendre), the reported log-likelihood and all
 * predictions from the 2F1 closed form of Fader & Hardie (2005) in log space.
 */
export class ParetoNbdModel extends BaseEstimator<ParetoNbdOptions, ParetoNbdState> {
  readonly kind = KIND;

  constructor(options: ParetoNbdOptions = {}) {
    super(options);
  }

  fit(rows: readonly RfmRow[], options: { signal?: AbortSignal } = {}): this {
    const data = compressRfm(rows);
    const mle: MleOptions = { ...this.options, signal: options.signal };
    const result = fitMaximumLikelihood(
      ([r, alpha, s, beta]) => paretoNbdTotalLogLikelihood({ r, alpha, s, beta }, data),
      4,
      data.customers,
      mle,
      ([r, alpha, s, beta]) => paretoNbdLogLikelihoodGradient({ r, alpha, s, beta }, data),
    );
    const [r, alpha, s, beta] = result.parameters;
    return this.setState({
      parameters: { r, alpha, s, beta },
      logLikelihood: result.logLikelihood,
      customers: data.customers,
      evaluations: result.evaluations,
      converged: result.converged,
      warnings: paretoNbdFitWarnings({ r, alpha, s, beta }, result.converged),
    });
  }

  /** Fitted parameters. */
  get parameters(): ParetoNbdParameters {
    return { ...this.requireState('parameters').parameters };
  }

  get fitSummary(): ParetoNbdState {
    return this.requireState('fitSummary');
  }

  /** Expected repeat purchases in the next `t` periods and P(alive), per customer. */
  predict(rows: readonly RfmRow[], t: number): RepeatPurchasePrediction {
    const { parameters: params, warnings } = this.requireState();
    return {
      expectedPurchases: rows.map((row) => paretoNbdConditionalExpectedPurchases(params, row, t)),
      probabilityAlive: rows.map((row) => paretoNbdProbabilityAlive(params, row)),
      warnings: [...warnings],
    };
  }

  /** E[Y(t) | history] at several horizons (P(alive) once): what `customerLifetimeValue` uses. */
  cumulativeExpectedPurchases(row: RfmRow, times: readonly number[], out?: Float64Array): Float64Array {
    return paretoNbdCumulativeExpectedPurchases(this.requireState().parameters, row, times, out);
  }

  conditionalExpectedPurchases(row: RfmRow, t: number): number {
    return paretoNbdConditionalExpectedPurchases(this.requireState().parameters, row, t);
  }

  probabilityAlive(row: RfmRow): number {
    return paretoNbdProbabilityAlive(this.requireState().parameters, row);
  }

  /** Expected purchases of a newly acquired customer in a window of length t. */
  expectedPurchases(t: number): number {
    return paretoNbdExpectedPurchases(this.requireState().parameters, t);
  }

  static fromJSON(json: unknown): ParetoNbdModel {
    const parsed = parseModelJson<ParetoNbdOptions, ParetoNbdState>(json, { kind: KIND, version: 1 });
    const model = new ParetoNbdModel(parsed.options);
    if (parsed.state !== null) {
      const state = readFitState(KIND, parsed.state, ['r', 'alpha', 's', 'beta']) as ParetoNbdState;
      model.setState({ ...state, warnings: paretoNbdFitWarnings(state.parameters, state.converged) });
    }
    return model;
  }
}
