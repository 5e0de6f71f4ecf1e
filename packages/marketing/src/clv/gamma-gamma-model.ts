import { BaseEstimator, parseModelJson } from '@shoppilot/core';
import { fitMaximumLikelihood } from './fit-mle';
import { gammaGammaFitWarnings } from './fit-warnings';
import {
  type GammaGammaParameters,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihoodGradient,
  gammaGammaTotalLogLikelihood,
  prepareSpendData,
  repeatSpendRows,
  type SpendRow,
} from './gamma-gamma';
import { readFitState, type TransactionModelFit } from './model-state';

export interface GammaGammaOptions {
  /** L2 penalty on (p, q, v), as lifetimes' `penalizer_coef`. Default 0. */
  penalizer?: number;
  /** Optimiser evaluation budget. Default 5,000. */
  maxEvaluations?: number;
  /** Starting values [p, q, v]. Default [1, 1, 1]. */
  initial?: [number, number, number];
}

export type GammaGammaState = TransactionModelFit<GammaGammaParameters>;

const KIND = 'marketing.gamma-gamma';

/**
 * The Gamma-Gamma model of average transaction value (Fader, Hardie & Lee 2005; Colombo &
 * Jiang 1999), fitted by maximum likelihood on repeat customers (frequency > 0); customers with
 * frequency 0 are ignored in the fit (they have no repeat spend) and counted in `customers` only
 * when used.
 */
export class GammaGammaModel extends BaseEstimator<GammaGammaOptions, GammaGammaState> {
  readonly kind = KIND;

  constructor(options: GammaGammaOptions = {}) {
    super(options);
  }

  fit(rows: readonly SpendRow[], options: { signal?: AbortSignal } = {}): this {
    const repeat = repeatSpendRows(rows);
    const data = prepareSpendData(repeat);
    const result = fitMaximumLikelihood(
      ([p, q, v]) => gammaGammaTotalLogLikelihood({ p, q, v }, data),
      3,
      repeat.length,
      { ...this.options, signal: options.signal },
      ([p, q, v]) => gammaGammaLogLikelihoodGradient({ p, q, v }, data),
    );
    const [p, q, v] = result.parameters;
    return this.setState({
      parameters: { p, q, v },
      logLikelihood: result.logLikelihood,
      customers: repeat.length,
      evaluations: result.evaluations,
      converged: result.converged,
      warnings: gammaGammaFitWarnings({ p, q, v }, result.converged),
    });
  }

  get parameters(): GammaGammaParameters {
    return { ...this.requireState('parameters').parameters };
  }

  get fitSummary(): GammaGammaState {
    return this.requireState('fitSummary');
  }

  /** Expected average transaction value per customer (population mean for frequency 0). */
  predict(rows: readonly SpendRow[]): number[] {
    const params = this.requireState().parameters;
    return rows.map((row) => gammaGammaExpectedSpend(params, row));
  }

  expectedSpend(row: SpendRow): number {
    return gammaGammaExpectedSpend(this.requireState().parameters, row);
  }

  static fromJSON(json: unknown): GammaGammaModel {
    const parsed = parseModelJson<GammaGammaOptions, GammaGammaState>(json, { kind: KIND, version: 1 });
    const model = new GammaGammaModel(parsed.options);
    if (parsed.state !== null) {
      const state = readFitState(KIND, parsed.state, ['p', 'q', 'v']) as GammaGammaState;
      model.setState({ ...state, warnings: gammaGammaFitWarnings(state.parameters, state.converged) });
    }
    return model;
  }
}
