import { BaseEstimator, InvalidModelJsonError, parseModelJson } from '@shoppilot/core';
import { fitLogistic, type LogisticFit, predictLogistic } from './logistic-regression';

export interface ChurnClassifierOptions {
  /** L2 penalty on standardised coefficients. Default 1. */
  l2?: number;
  /** Newton iterations at most. Default 100. */
  maxIterations?: number;
  /** Probability at or above which `predict` says churn. Default 0.5. */
  threshold?: number;
  /** Feature names, for readable coefficients (optional). */
  featureNames?: string[];
}

const KIND = 'marketing.churn-classifier';

/**
 * A supervised churn classifier: L2-regularised logistic regression over any numeric feature
 * vectors (RFM, profiling features, P(alive) from BG/NBD...), labels 1 = churned. Plain vectors in,
 * so features from `@shoppilot/profiling` or anywhere else fit.
 */
export class ChurnClassifier extends BaseEstimator<ChurnClassifierOptions, LogisticFit> {
  readonly kind = KIND;

  constructor(options: ChurnClassifierOptions = {}) {
    super(options);
  }

  fit(features: readonly (readonly number[])[], labels: readonly number[]): this {
    return this.setState(
      fitLogistic(features, labels, { l2: this.options.l2, maxIterations: this.options.maxIterations }),
    );
  }

  /** P(churn) per row. */
  predictProbability(features: readonly (readonly number[])[]): number[] {
    return predictLogistic(this.requireState('predictProbability'), features);
  }

  /** 1 (churn) or 0 per row at the threshold. */
  predict(features: readonly (readonly number[])[]): number[] {
    const threshold = this.options.threshold ?? 0.5;
    return predictLogistic(this.requireState(), features).map((p) => (p >= threshold ? 1 : 0));
  }

  /** Coefficients per unit of each original feature (undoing the standardisation). */
  get coefficients(): { intercept: number; weights: Record<string, number> } {
    const fit = this.requireState('coefficients');
    const names = this.options.featureNames ?? fit.weights.map((_, j) => `x${j}`);
    let intercept = fit.intercept;
    const weights: Record<string, number> = {};
    fit.weights.forEach((w, j) => {
      weights[names[j]] = w / fit.scales[j];
      intercept -= (w * fit.means[j]) / fit.scales[j];
    });
    return { intercept, weights };
  }

  static fromJSON(json: unknown): ChurnClassifier {
    const parsed = parseModelJson<ChurnClassifierOptions, LogisticFit>(json, { kind: KIND, version: 1 });
    const model = new ChurnClassifier(parsed.options);
    if (parsed.state !== null) {
      const state = parsed.state as unknown as Record<string, unknown>;
      for (const key of ['weights', 'means', 'scales']) {
        if (!Array.isArray(state?.[key]) || !(state[key] as unknown[]).every((v) => typeof v === 'number')) {
          throw new InvalidModelJsonError({
            kind: KIND,
            path: `state.${key}`,
            message: 'expected an array of numbers',
          });
        }
      }
      if (typeof state.intercept !== 'number')
        throw new InvalidModelJsonError({
          kind: KIND,
          path: 'state.intercept',
          message: 'expected a number',
        });
      model.setState(parsed.state);
    }
    return model;
  }
}
