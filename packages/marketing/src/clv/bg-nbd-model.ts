import { BaseEstimator, parseModelJson } from '@shoppilot/core';
import {
  type BgNbdParameters,
  bgNbdConditionalExpectedPurchases,
  bgNbdCumulativeExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihoodGradient,
  bgNbdProbabilityAlive,
  bgNbdTotalLogLikelihood,
} from './bg-nbd';
import { fitMaximumLikelihood, type MleOptions } from './fit-mle';
import { bgNbdFitWarnings } from './fit-warnings';
import { readFitState, type TransactionModelFit } from './model-state';
import { compressRfm, type RfmRow } from './rfm-data';

export interface BgNbdOptions {
  /** L2 penalty on (r, alpha, a, b), as lifetimes' `penalizer_coef`. Default 0 (plain MLE). */
  penalizer?: number;
  /** Optimiser evaluation budget. Default 5,000. */
  maxEvaluations?: number;
  /** Starting values [r, alpha, a, b]. Default [1, 1, 1, 1]. */
  initial?: [number, number, number, number];
}

export type BgNbdState = TransactionModelFit<BgNbdParameters>;

export interface RepeatPurchasePrediction {
  /** Expected repeat purchases in the next `t` periods. */
  expectedPurchases: number[];
  /** Probability the customer is still active at the end of the calibration window. */
  probabilityAlive: number[];
  /** The fit's warnings (boundary estimates, no convergence): empty for an interior fit. */
  warnings: string[];
}

const KIND = 'marketing.bg-nbd';

/**
 * The BG/NBD repeat-purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy
 * way"), fitted by maximum likelihood on (frequency, recency, T) summaries.
 */
export class BgNbdModel extends BaseEstimator<BgNbdOptions, BgNbdState> {
  readonly kind = KIND;

  constructor(options: BgNbdOptions = {}) {
    super(options);
  }

  fit(rows: readonly RfmRow[], options: { signal?: AbortSignal } = {}): this {
    const data = compressRfm(rows);
    const mle: MleOptions = { ...this.options, signal: options.signal };
    const result = fitMaximumLikelihood(
      ([r, alpha, a, b]) => bgNbdTotalLogLikelihood({ r, alpha, a, b }, data),
      4,
      data.customers,
      mle,
      ([r, alpha, a, b]) => bgNbdLogLikelihoodGradient({ r, alpha, a, b }, data),
    );
    const [r, alpha, a, b] = result.parameters;
    return this.setState({
      parameters: { r, alpha, a, b },
      logLikelihood: result.logLikelihood,
      customers: data.customers,
      evaluations: result.evaluations,
      converged: result.converged,
      warnings: bgNbdFitWarnings({ r, alpha, a, b }, result.converged),
    });
  }

  /** Fitted parameters. */
  get parameters(): BgNbdParameters {
    return { ...this.requireState('parameters').parameters };
  }

  get fitSummary(): BgNbdState {
    return this.requireState('fitSummary');
  }

  /** Expected repeat purchases in the next `t` periods and P(alive), per customer. */
  predict(rows: readonly RfmRow[], t: number): RepeatPurchasePrediction {
    const { parameters: params, warnings } = this.requireState();
    return {
      expectedPurchases: rows.map((row) => bgNbdConditionalExpectedPurchases(params, row, t)),
      probabilityAlive: rows.map((row) => bgNbdProbabilityAlive(params, row)),
      warnings: [...warnings],
    };
  }

  /** E[Y(t) | history] at several horizons (P(alive) once): what `customerLifetimeValue` uses. */
  cumulativeExpectedPurchases(row: RfmRow, times: readonly number[], out?: Float64Array): Float64Array {
    return bgNbdCumulativeExpectedPurchases(this.requireState().parameters, row, times, out);
  }

  conditionalExpectedPurchases(row: RfmRow, t: number): number {
    return bgNbdConditionalExpectedPurchases(this.requireState().parameters, row, t);
  }

  probabilityAlive(row: RfmRow): number {
    return bgNbdProbabilityAlive(this.requireState().parameters, row);
  }

  /** Expected purchases of a newly acquired customer in a window of length t. */
  expectedPurchases(t: number): number {
    return bgNbdExpectedPurchases(this.requireState().parameters, t);
  }

  static fromJSON(json: unknown): BgNbdModel {
    const parsed = parseModelJson<BgNbdOptions, BgNbdState>(json, { kind: KIND, version: 1 });
    const model = new BgNbdModel(parsed.options);
    if (parsed.state !== null) {
      const state = readFitState(KIND, parsed.state, ['r', 'alpha', 'a', 'b']) as BgNbdState;
      model.setState({ ...state, warnings: bgNbdFitWarnings(state.parameters, state.converged) });
    }
    return model;
  }
}
