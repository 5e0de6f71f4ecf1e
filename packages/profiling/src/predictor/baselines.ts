import { fitLogistic } from '../linear/logistic-regression';
import { rocAuc } from '../metrics/ranking-metrics';
import { HISTORY_WIDTH } from './category-history';
import { applyDenseTransform, fitDenseTransform } from './dense-features';
import type { PurchaseSamples } from './purchase-samples';

/**
 * The aggregate-feature baseline: L2 logistic regression (C = 1, unweighted, so calibrated) on the
 * same RFM / funnel / activity features the Transformer sees (signed log1p, z-scored on train).
 */
export function logisticBaseline(train: PurchaseSamples, test: PurchaseSamples, C = 1): Float64Array {
  const width = train.denseNames.length;
  const transform = fitDenseTransform(train.dense, width);
  const x = applyDenseTransform(train.dense, width, transform);
  const model = fitLogistic({ rows: train.n, cols: width, data: Float64Array.from(x) }, train.buy, { C });
  const xt = applyDenseTransform(test.dense, width, transform);
  const out = new Float64Array(test.n);
  for (let i = 0; i < test.n; i++) {
    let z = model.intercept;
    for (let j = 0; j < width; j++) z += model.weights[j] * xt[i * width + j];
    out[i] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

/** C values tried by `chooseLogisticC`. */
export const LOGISTIC_C_GRID = [0.001, 0.01, 0.1, 1, 10, 100];

/**
 * The baseline's regularisation chosen on a validation window: the C of `grid` with the best
 * validation AUC (ties: the smaller C), with every C's AUC.
 */
export function chooseLogisticC(
  train: PurchaseSamples,
  validation: PurchaseSamples,
  grid: readonly number[] = LOGISTIC_C_GRID,
): { C: number; auc: Array<{ C: number; auc: number }> } {
  const auc = grid.map((C) => ({ C, auc: rocAuc(validation.buy, logisticBaseline(train, validation, C)) }));
  const best = auc.reduce((a, b) => (b.auc > a.auc + 1e-12 ? b : a));
  return { C: best.C, auc };
}

/**
 * "Most frequent category" baseline: the categories of the user's recent history (the samples'
 * `historyCategories`: by count, ties the more recent first), then the categories most often
 * bought next in training, to k.
 */
export function mostFrequentCategory(train: PurchaseSamples, test: PurchaseSamples, k = 5): number[][] {
  const popularity = new Map<number, number>();
  for (let r = 0; r < train.n; r++) {
    const c = train.nextCategory[r];
    if (c >= 1) popularity.set(c, (popularity.get(c) ?? 0) + 1);
  }
  const global = [...popularity.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
  const rankings: number[][] = [];
  for (let r = 0; r < test.n; r++) {
    const ranking: number[] = [];
    for (let j = 0; j < HISTORY_WIDTH && ranking.length < k; j++) {
      const c = test.historyCategories[r * HISTORY_WIDTH + j];
      if (c >= 1) ranking.push(c);
    }
    for (const c of global) {
      if (ranking.length >= k) break;
      if (!ranking.includes(c)) ranking.push(c);
    }
    rankings.push(ranking);
  }
  return rankings;
}
