import { type BehaviorEvent, createRng, DimensionMismatchError, initTensorBackend } from '@shoppilot/core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { eventTableFromEvents } from '../events/event-table';
import { LogisticRegression } from '../linear/logistic-regression';
import { withActivityColumns } from './activity-features';
import { applyDenseTransform, fitDenseTransform } from './dense-features';
import { PurchasePredictor } from './purchase-predictor';
import { buildPurchaseSamples, type PurchaseSamples } from './purchase-samples';
import { inputTensors, trainTransformer } from './train-transformer';
import { buildTransformer, transformerShapeFor } from './transformer-model';
import { buildVocabulary } from './vocabulary';
import { applyCategoryPrior, applyWideStart, fitWideStart } from './wide-start';

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

/**
 * The reference: scikit-learn-style L2 logistic regression (C = 1) on the wide columns, standardised
 * with training statistics, constant columns dropped (own Newton solver, tested against sklearn).
 */
function logisticReference(fitted: PurchaseSamples, scored: PurchaseSamples): ArrayLike<number> {
  const x = wideRows(fitted, fitted);
  const columns = x[0].map((_, j) => j);
  const mean = columns.map((j) => x.reduce((a, row) => a + row[j], 0) / x.length);
  const sd = columns.map((j) => Math.sqrt(x.reduce((a, row) => a + (row[j] - mean[j]) ** 2, 0) / x.length));
  const kept = columns.filter((j) => sd[j] > 1e-12);
  const z = (rows: number[][]) => rows.map((row) => kept.map((j) => (row[j] - mean[j]) / sd[j]));
  return new LogisticRegression({ C: 1 }).fit(z(x), fitted.buy).predictProba(z(wideRows(scored, fitted)));
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
    const expected = logisticReference(train, test);
    const got = (await model.predict(test)).buyProbability;
    expect(test.buy.reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
    for (let r = 0; r < test.n; r++) expect(got[r]).toBeCloseTo(expected[r], 4);
    model.dispose();
  });

  it('with purchase-rhythm columns and the MLP path (zero output weights) it is still that logistic model', async () => {
    const withRhythm = { ...options, activityWeeks: 4 };
    const build = (cutoffs: number[]) => buildPurchaseSamples(table, cutoffs, vocabulary, withRhythm);
    const [trainR, validationR, testR] = [[12 * DAY, 18 * DAY, 24 * DAY], [30 * DAY], [36 * DAY]].map(build);
    const model = await new PurchasePredictor({
      dim: 8,
      blocks: 1,
      mlpUnits: 8,
      epochs: 1,
      learningRate: 0,
      wideC: 1,
      earlyStopping: 'auc',
      seed: 1,
    }).fit({ vocabulary, train: trainR, validation: validationR });
    expect(model.toJSON().state?.denseNames.length).toBe(2 + 4 + 17);
    // the rhythm columns join the aggregates of the wide inputs
    const expected = logisticReference(withActivityColumns(trainR), withActivityColumns(testR));
    const got = (await model.predict(testR)).buyProbability;
    for (let r = 0; r < testR.n; r++) expect(got[r]).toBeCloseTo(expected[r], 4);
    // samples without the rhythm columns do not fit this model
    await expect(model.predict(test)).rejects.toBeInstanceOf(DimensionMismatchError);
    model.dispose();
  });

  it('freezeWide keeps the wide paths at the logistic start while the deep logits train', async () => {
    await initTensorBackend();
    const dense = applyDenseTransform(train.dense, 2, fitDenseTransform(train.dense, 2));
    const shape = { ...transformerShapeFor(train, vocabulary), denseWidth: 2 };
    const model = buildTransformer(shape, { dim: 8, blocks: 1, freezeWide: true, mlpUnits: 4 }, 1);
    const rows = Array.from({ length: train.n }, (_, r) => r);
    applyWideStart(model, fitWideStart(train, dense, 17, rows, [], 1), 0);
    const weights = (layer: string) =>
      model
        .getLayer(layer)
        .getWeights()
        .flatMap((w) => Array.from(w.dataSync()));
    const wide = ['buy_wide', 'age_wide', 'size_wide'].map(weights);
    expect(weights('buy_mlp').every((v) => v === 0)).toBe(true);
    await trainTransformer(model, train, dense, rows, [], { epochs: 1, learningRate: 0.01, seed: 1 });
    expect(['buy_wide', 'age_wide', 'size_wide'].map(weights)).toEqual(wide);
    expect(weights('buy_mlp').some((v) => v !== 0)).toBe(true);
    expect(weights('buy_deep').some((v) => v !== 0)).toBe(true);
    model.dispose();
  });

  it('the prior start of the category head outputs the smoothed training frequencies for every row', async () => {
    await initTensorBackend();
    const dense = applyDenseTransform(train.dense, 2, fitDenseTransform(train.dense, 2));
    const vocab = vocabulary.categories.length + 2;
    const model = buildTransformer(
      { ...transformerShapeFor(train, vocabulary), denseWidth: 2 },
      { dim: 8, blocks: 1 },
      1,
    );
    const rows = Array.from({ length: train.n }, (_, r) => r);
    applyCategoryPrior(model, train, rows);
    const buyers = rows.filter((r) => train.nextCategory[r] >= 0);
    const expected = Array.from(
      { length: vocab },
      (_, c) => (buyers.filter((r) => train.nextCategory[r] === c).length + 1) / (buyers.length + vocab),
    );
    expect(buyers.length).toBeGreaterThan(20);
    const inputs = inputTensors(train, dense, rows.slice(0, 5));
    const softmax = (model.apply(inputs, { training: false }) as Tensor[])[1];
    const values = softmax.arraySync() as number[][];
    for (const row of values) for (let c = 0; c < vocab; c++) expect(row[c]).toBeCloseTo(expected[c], 6);
    for (const t of [...inputs, softmax]) t.dispose();
    model.dispose();
  });
});
