import { BaseEstimator, parseModelJson } from '@shoppilot/core';
import { type NewsvendorResult, newsvendor } from '../policies/newsvendor';
import { checkDemandFit, type DemandFit, type DemandModel, fitDemand, protectionDemand } from './demand-fit';

export interface NewsvendorPolicyOptions {
  /** Overage cost per unit left over. Default 1. */
  holdingCost?: number;
  /** Underage cost per unit short. Default 4. */
  stockoutCost?: number;
  /** Demand model. Default `normal`. */
  demand?: DemandModel;
  /** Periods in the selling season the order must cover. Default 1. */
  periods?: number;
}

const KIND = 'inventory.newsvendor-policy';

/** The newsvendor as an estimator: fit a demand history, predict the optimal stock level and its cost. */
export class NewsvendorPolicy extends BaseEstimator<NewsvendorPolicyOptions, DemandFit> {
  readonly kind = KIND;

  constructor(options: NewsvendorPolicyOptions = {}) {
    super(options);
  }

  fit(history: readonly number[]): this {
    return this.setState(fitDemand(history, this.options.periods ?? 1, 'NewsvendorPolicy'));
  }

  predict(): NewsvendorResult {
    const fit = this.requireState();
    const demand = protectionDemand(fit, this.options.demand ?? 'normal', fit.periods);
    return newsvendor(demand, {
      holdingCost: this.options.holdingCost ?? 1,
      stockoutCost: this.options.stockoutCost ?? 4,
    });
  }

  static fromJSON(json: unknown): NewsvendorPolicy {
    const parsed = parseModelJson<NewsvendorPolicyOptions, DemandFit>(json, { kind: KIND, version: 1 });
    const policy = new NewsvendorPolicy(parsed.options);
    if (parsed.state !== null) policy.setState(checkDemandFit(parsed.state, KIND));
    return policy;
  }
}
