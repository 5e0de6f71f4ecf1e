import { BaseRecommender, type StoredHistories } from './base-recommender';
import {
  decodeFactors,
  encodeFactors,
  explainByFactors,
  type FactorModel,
  factorScores,
  foldInUser,
  userVector,
} from './factor-model';
import type { UserQuery } from './recommender';

/**
 * Base of the matrix-factorisation recommenders (ALS, BPR): a known user is scored by its learned
 * factors, an unknown one by folding its items in with ridge regression on the item factors;
 * explanations name the history items closest in factor space; the state is the factor JSON.
 * Subclasses implement `fit` and say which ridge weight the fold-in uses.
 */
export abstract class FactorRecommender<TOptions> extends BaseRecommender<TOptions, FactorModel> {
  /** Ridge weight λ of the fold-in of a user not seen in training. */
  protected abstract foldInRegularization(): number;

  protected scoreQuery(model: FactorModel, query: UserQuery): Float64Array {
    const user =
      query.user !== undefined && query.user < model.userFactors.length / model.factors
        ? userVector(model, query.user)
        : foldInUser(model, query.items, this.foldInRegularization());
    return factorScores(model, user);
  }

  /** The learned user factors, row-major `users x factors` (a copy). */
  get userFactors(): Float32Array {
    return this.model.userFactors.slice();
  }

  /** The learned item factors, row-major `items x factors` (a copy). */
  get itemFactors(): Float32Array {
    return this.model.itemFactors.slice();
  }

  protected override explainItem(model: FactorModel, query: UserQuery, item: number): string[] {
    return explainByFactors(model, query, item, this.histories.itemIds);
  }

  protected encodeModel(model: FactorModel): unknown {
    return encodeFactors(model);
  }

  protected decodeModel(json: unknown, histories: StoredHistories): FactorModel {
    return decodeFactors(json, this.kind, histories);
  }
}
