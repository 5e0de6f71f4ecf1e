import { fitLogistic } from '../linear/logistic-regression';
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

/**
 * "Most frequent category" baseline: the categories of the user's own sequence ranked by count
 * (ties: the more recent first), then the categories most often bought next in training, to k.
 */
export function mostFrequentCategory(train: PurchaseSamples, test: PurchaseSamples, k = 5): number[][] {
  const popularity = new Map<number, number>();
  for (let r = 0; r < train.n; r++) {
    const c = train.nextCategory[r];
    if (c >= 1) popularity.set(c, (popularity.get(c) ?? 0) + 1);
  }
  const global = [...popularity.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
  const L = test.maxLength;
  const rankings: number[][] = [];
  for (let r = 0; r < test.n; r++) {
    const counts = new Map<number, { count: number; last: number }>();
    for (let p = 0; p < L; p++) {
      const c = test.categories[r * L + p];
      if (c < 1) continue;
      const entry = counts.get(c) ?? { count: 0, last: 0 };
      entry.count++;
      entry.last = p;
      counts.set(c, entry);
    }
    const own = [...counts.entries()]
      .sort((a, b) => b[1].count - a[1].count || b[1].last - a[1].last)
      .map(([c]) => c);
    const ranking = own.slice(0, k);
    for (const c of global) {
      if (ranking.length >= k) break;
      if (!ranking.includes(c)) ranking.push(c);
    }
    rankings.push(ranking);
  }
  return rankings;
}
