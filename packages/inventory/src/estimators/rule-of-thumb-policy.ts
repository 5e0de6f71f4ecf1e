import { BaseEstimator, InvalidModelJsonError, parseModelJson } from '@shoppilot/core';
import { mean } from 'simple-statistics';
import { type RuleOfThumbMode, type RuleOfThumbResult, ruleOfThumb } from '../policies/rule-of-thumb';

export interface RuleOfThumbPolicyOptions {
  /** Safety stock = multiplier x predicted demand. Default 0.2. */
  multiplier?: number;
  /** Default `intended`. */
  mode?: RuleOfThumbMode;
  /** Lead time in periods. Default 1. */
  leadTime?: number;
  /** Periods of recent history whose mean is the predicted demand. Default all. */
  window?: number;
}

const KIND = 'inventory.rule-of-thumb-policy';

/** The brief's rule of thumb as an estimator: fit learns the predicted demand (a recent mean). */
export class RuleOfThumbPolicy extends BaseEstimator<RuleOfThumbPolicyOptions, { predictedDemand: number }> {
  readonly kind = KIND;

  constructor(options: RuleOfThumbPolicyOptions = {}) {
    super(options);
  }

  fit(history: readonly number[]): this {
    const recent = history.slice(-(this.options.window ?? history.length));
    return this.setState({ predictedDemand: recent.length ? mean([...recent]) : 0 });
  }

  predict(stock: number): RuleOfThumbResult {
    const { predictedDemand } = this.requireState();
    return ruleOfThumb({
      stock,
      predictedDemand,
      leadTime: this.options.leadTime ?? 1,
      multiplier: this.options.multiplier,
      mode: this.options.mode,
    });
  }

  static fromJSON(json: unknown): RuleOfThumbPolicy {
    const parsed = parseModelJson<RuleOfThumbPolicyOptions, { predictedDemand: number }>(json, {
      kind: KIND,
      version: 1,
    });
    const policy = new RuleOfThumbPolicy(parsed.options);
    if (parsed.state !== null) {
      if (typeof parsed.state?.predictedDemand !== 'number') {
        throw new InvalidModelJsonError({
          kind: KIND,
          path: 'state.predictedDemand',
          message: 'expected a number',
        });
      }
      policy.setState(parsed.state);
    }
    return policy;
  }
}
