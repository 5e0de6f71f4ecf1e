import { type BehaviorEvent, createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { eventTableFromEvents } from '../events/event-table';
import { LogisticRegression } from '../linear/logistic-regression';
import { applyDenseTransform, fitDenseTransform } from './dense-features';
import { PurchasePredictor } from './purchase-predictor';
import { buildPurchaseSamples, type PurchaseSamples } from './purchase-samples';
import { buildVocabulary } from './vocabulary';

const DAY = 86_400_000;

/** Shoppers who order every `cycle` days (3-12, random phase), with 1-4 lines per order. */
function orders(users: number, seed: number): BehaviorEvent[] {
  const rng = createRng(seed);
  const events: BehaviorEvent[] = [];
  for (let u = 0; u < users; u++) {
    const cycle = 3 + rng.int(10);
    for (let day = rng.int(cycle); day < 40; day += cycle) {
      const lines = 1 + rng.int(4);
      for (let k = 0; k < lines; k++)
        events.push({
          userId: `u${u}`,
          itemId: `i${rng.int(6)}`,
          categoryId: `c${rng.int(3)}`,
          type: 'buy',
          timestamp: day * DAY + 3_600_000,
          price: 2,
          quantity: 1,
        });
    }
  }
  return events;
}

const table = eventTableFromEvents(orders(120, 4));
const vocabulary = buildVocabulary(table, 24 * DAY);
const options = {
  maxLength: 6,
  horizonMs: 3 * DAY,
  mergeSameTime: true,
  denseFeatures: ['recencyDays', 'frequency'],
};
const train = buildPurchaseSamples(table, [12 * DAY, 18 * DAY, 24 * DAY], vocabulary, options);
const validation = buildPurchaseSamples(table, [30 * DAY], vocabulary, options);
const test = buildPurchaseSamples(table, [36 * DAY], vocabulary, options);

/** The wide inputs written out from their definition: z-scored aggregates, then age / size bucket shares. */
function wideRows(s: PurchaseSamples, reference: PurchaseSamples): number[][] {
  const width = s.denseNames.length;
  const dense = applyDenseTransform(s.dense, width, fitDenseTransform(reference.dense, width));
  return Array.from({ length: s.n }, (_, r) => {
    const ages = new Array(s.timeVocab).fill(0);
    const sizes = new Array(17).fill(0);
    for (let k = 0; k < s.maxLength; k++) {
      ages[s.ages[r * s.maxLength + k]] += 1 / s.maxLength;
      sizes[s.sizes[r * s.maxLength + k]] += 1 / s.maxLength;
    }
    return [...dense.subarray(r * width, (r + 1) * width), ...ages, ...sizes];
  });
}

describe('logistic start of the wide paths', () => {
  it('with learning rate 0 the predictor is logistic regression on the wide inputs (epoch 0 kept)', async () => {
    const model = await new PurchasePredictor({
      dim: 8,
      heads: 2,
      blocks: 1,
      epochs: 2,
      learningRate: 0,
      wideC: 1,
      earlyStopping: 'auc',
      seed: 1,
    }).fit({ vocabulary, train, validation });
    const state = model.toJSON().state;
    expect(state?.members[0].report.bestEpoch).toBe(0);
    expect(state?.wideStart?.C).toBe(1);
    // the reference: scikit-learn-style L2 logistic regression on the same columns, standardised
    // with training statistics, constant columns dropped (own Newton solver, tested against sklearn)
    const x = wideRows(train, train);
    const columns = x[0].map((_, j) => j);
    const mean = columns.map((j) => x.reduce((a, row) => a + row[j], 0) / x.length);
    const sd = columns.map((j) => Math.sqrt(x.reduce((a, row) => a + (row[j] - mean[j]) ** 2, 0) / x.length));
    const kept = columns.filter((j) => sd[j] > 1e-12);
    const z = (rows: number[][]) => rows.map((row) => kept.map((j) => (row[j] - mean[j]) / sd[j]));
    const reference = new LogisticRegression({ C: 1 }).fit(z(x), train.buy);
    const expected = reference.predictProba(z(wideRows(test, train)));
    const got = (await model.predict(test)).buyProbability;
    expect(test.buy.reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
    for (let r = 0; r < test.n; r++) expect(got[r]).toBeCloseTo(expected[r], 4);
    model.dispose();
  });
});
