import type { LongRunningOptions } from '@shoppilot/core';
import {
  denseWeights,
  fitNbLogistic,
  type NbLogisticFitOptions,
  type SparseLinearModel,
} from './nb-logistic';
import { fitNbSvm, type NbSvmFitOptions } from './nb-svm';
import { fitStackingWeights, selectRows, stackingFolds } from './stacking';
import { featurize, resolveTextOptions, type SparseRows, type TextFeatureOptions } from './text-features';

/** One linear n-gram model: its text features and how it is trained. */
export interface SentimentMemberOptions
  extends TextFeatureOptions,
    Omit<NbLogisticFitOptions, 'signal' | 'onProgress' | 'interpolation'>,
    Omit<NbSvmFitOptions, 'signal' | 'onProgress' | 'alpha' | 'seed' | 'interpolation'> {
  /**
   * `logistic`: NB-LR by Adagrad SGD (`epochs`, `learningRate`, `l2`, `average`); `squared-hinge`:
   * NBSVM by dual coordinate descent (`C`, `maxIter`, `tol`). Default `logistic`.
   */
  loss?: 'logistic' | 'squared-hinge';
  /**
   * Wang & Manning's interpolation w' = (1 - beta) mean|w| + beta w (1 = none). Default 1 with
   * `logistic`, 0.25 with `squared-hinge`.
   */
  interpolation?: number;
}

export interface StackOptions {
  /** Members' options over the shared ones (`{ ...shared, ...member }`); empty = one model. */
  stack?: readonly SentimentMemberOptions[];
  /** Folds of the out-of-fold margins the meta-model is trained on. Default 5. */
  stackFolds?: number;
  /** L2 penalty of the meta logistic regression (per-row mean loss + l2/2 |w|^2). Default 0.001. */
  stackL2?: number;
}

/** The member options of a classifier: `[shared]` without `stack`, else each member over `shared`. */
export function resolveMembers(options: SentimentMemberOptions & StackOptions): SentimentMemberOptions[] {
  const { stack, stackFolds: _folds, stackL2: _l2, ...shared } = options;
  if (!stack || stack.length === 0) return [shared];
  return stack.map((member) => ({ ...shared, ...member }));
}

/** Trains one member on featurised rows: its folded sparse weights (score = bias + sum w x). */
export function fitMember(
  x: SparseRows,
  labels: ArrayLike<number>,
  options: SentimentMemberOptions,
  run: LongRunningOptions = {},
): Promise<SparseLinearModel> {
  const size = resolveTextOptions(options).mask + 1;
  return (options.loss ?? 'logistic') === 'squared-hinge'
    ? fitNbSvm(x, labels, size, { ...options, ...run })
    : fitNbLogistic(x, labels, size, { ...options, ...run });
}

/** Raw margins bias + sum of weight x value of each row. */
export function marginsOf(x: SparseRows, model: SparseLinearModel, size: number): Float64Array {
  const dense = denseWeights(model, size);
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let z = model.bias;
    for (let k = x.offsets[r]; k < x.offsets[r + 1]; k++)
      z += dense[x.indices[k]] * (x.values ? x.values[k] : 1);
    out[r] = z;
  }
  return out;
}

export interface StackedFit {
  /** Each member refitted on all rows, weights and bias multiplied by its stacking weight. */
  members: SparseLinearModel[];
  /** The meta-model's weight per member. */
  stackWeights: number[];
  /** Meta bias + sum of the scaled member biases. */
  bias: number;
}

/**
 * Stacked generalisation: out-of-fold margins of every member (folds by a seeded shuffle), a
 * logistic meta-model on them (`fitStackingWeights`), then every member refitted on all rows.
 * The final score is linear: meta bias + sum_m weight_m x margin_m.
 */
export async function fitStacked(
  texts: readonly string[],
  labels: readonly number[],
  members: readonly SentimentMemberOptions[],
  options: StackOptions & { seed?: number },
  run: LongRunningOptions = {},
): Promise<StackedFit> {
  const xs = members.map((member) => featurize(texts, resolveTextOptions(member)));
  const folds = options.stackFolds ?? 5;
  const fold = stackingFolds(texts.length, folds, options.seed ?? 0);
  const columns = members.map(() => new Float64Array(texts.length));
  for (let k = 0; k < folds; k++) {
    const inner: number[] = [];
    const outer: number[] = [];
    for (let i = 0; i < fold.length; i++) (fold[i] === k ? outer : inner).push(i);
    for (let m = 0; m < members.length; m++) {
      const model = await fitMember(
        selectRows(xs[m], inner),
        inner.map((i) => labels[i]),
        members[m],
        run,
      );
      const size = resolveTextOptions(members[m]).mask + 1;
      const margins = marginsOf(selectRows(xs[m], outer), model, size);
      outer.forEach((row, j) => {
        columns[m][row] = margins[j];
      });
    }
  }
  const meta = fitStackingWeights(columns, labels, options.stackL2 ?? 1e-3);
  let bias = meta.bias;
  const fitted: SparseLinearModel[] = [];
  for (let m = 0; m < members.length; m++) {
    const model = await fitMember(xs[m], labels, members[m], run);
    const weight = meta.weights[m];
    bias += weight * model.bias;
    fitted.push({ indices: model.indices, weights: model.weights.map((v) => v * weight), bias: 0 });
  }
  return { members: fitted, stackWeights: Array.from(meta.weights), bias };
}
