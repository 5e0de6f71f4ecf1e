import { type BehaviorEvent, createRng, OnnxModel } from '@shoppilot/core';
import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { eventTableFromEvents } from '../events/event-table';
import { rocAuc } from '../metrics/ranking-metrics';
import { logisticBaseline, mostFrequentCategory } from './baselines';
import { blendedRanking } from './category-blend';
import { historyFrequencies } from './category-history';
import { PurchasePredictor } from './purchase-predictor';
import { buildPurchaseSamples, type PurchaseSamples } from './purchase-samples';
import { sizeBucket, timeBucket } from './sample-sequence';
import { buildVocabulary } from './vocabulary';

const DAY = 86_400_000;
const H = 3_600_000;

/**
 * Generated shoppers with a known rule: a user who puts a `gift` item in the cart in the day
 * before a cutoff buys a gift in the next day; browsing alone never leads to a buy.
 */
function shoppers(users: number, seed: number): BehaviorEvent[] {
  const rng = createRng(seed);
  const events: BehaviorEvent[] = [];
  for (let u = 0; u < users; u++) {
    for (let day = 0; day < 6; day++) {
      const base = day * DAY + 8 * H;
      const category = rng.next() < 0.5 ? 'gift' : 'book';
      for (let k = 0; k < 3; k++)
        events.push({
          userId: `u${u}`,
          itemId: `${category}${rng.int(5)}`,
          categoryId: category,
          type: 'view',
          timestamp: base + k * 60_000,
        });
      if (category === 'gift' && rng.next() < 0.6) {
        events.push({
          userId: `u${u}`,
          itemId: 'gift1',
          categoryId: 'gift',
          type: 'add_cart',
          timestamp: base + 10 * 60_000,
        });
        events.push({
          userId: `u${u}`,
          itemId: 'gift1',
          categoryId: 'gift',
          type: 'buy',
          timestamp: base + DAY - H,
          price: 10,
        });
      }
    }
  }
  return events;
}

const events = shoppers(160, 1);
const table = eventTableFromEvents(events);
const vocabulary = buildVocabulary(table, 4 * DAY);
// Ratio features only: counts grow with time, and a network can memorise rows by them.
const options = { maxLength: 12, horizonMs: DAY, denseFeatures: ['viewToCartRate', 'cartToBuyRate'] };
const cut = (day: number) => day * DAY + 12 * H;
const train = buildPurchaseSamples(table, [cut(0), cut(1), cut(2)], vocabulary, options);
const validation = buildPurchaseSamples(table, [cut(3)], vocabulary, options);
const test = buildPurchaseSamples(table, [cut(4)], vocabulary, options);

describe('purchase samples', () => {
  it('left-pads the last events, labels the horizon, and buckets times', () => {
    expect(timeBucket(0)).toBe(1);
    expect(timeBucket(1000)).toBe(2);
    expect(timeBucket(3000)).toBe(3);
    expect(train.n).toBe(160 * 3);
    // the first cutoff sees 3 views (+ cart) of day 0: at most 4 real positions, the rest padding
    expect(Array.from(train.types.subarray(0, 8)).every((t) => t === 0)).toBe(true);
    // labels re-derived from the generated events: a buy in [cutoff, cutoff + 1 day)
    const buyers = new Set(
      events
        .filter((e) => e.type === 'buy' && e.timestamp >= cut(4) && e.timestamp < cut(4) + DAY)
        .map((e) => e.userId),
    );
    expect(buyers.size).toBeGreaterThan(10);
    expect(Array.from(test.buy, Boolean)).toEqual(
      Array.from(test.userIndex, (u) => buyers.has(table.users[u])),
    );
    expect(
      Array.from(test.nextCategory)
        .filter((c) => c >= 0)
        .every((c) => c === 2 + vocabulary.categories.indexOf('gift')),
    ).toBe(true);
  });
});

describe('merged steps and the category history', () => {
  // user a: one invoice of 3 lines (x, x, y) at t = 1 s, one line (y) at t = 2 s; user b views z
  const line = (t: number, category: string, item: string): BehaviorEvent => ({
    userId: 'a',
    itemId: item,
    categoryId: category,
    type: 'buy',
    timestamp: t,
    price: 1,
  });
  const views = [500, 600, 700].map(
    (t): BehaviorEvent => ({ userId: 'b', itemId: 'z1', categoryId: 'z', type: 'view', timestamp: t }),
  );
  const small = eventTableFromEvents([
    line(1000, 'x', 'i1'),
    line(1000, 'x', 'i2'),
    line(1000, 'y', 'i3'),
    line(2000, 'y', 'i4'),
    ...views,
  ]);
  const vocab = buildVocabulary(small, 3000);
  const id = (c: string) => 2 + vocab.categories.indexOf(c);
  const build = (mergeSameTime: boolean) =>
    buildPurchaseSamples(small, [3000], vocab, { maxLength: 4, horizonMs: 1000, mergeSameTime });
  const rowOf = (s: PurchaseSamples) => Array.from(s.userIndex).findIndex((u) => small.users[u] === 'a');

  it('merges the lines of an invoice into one step (main category, size bucket)', () => {
    const merged = build(true);
    const r = rowOf(merged);
    expect(Array.from(merged.categories.subarray(r * 4, r * 4 + 4))).toEqual([0, 0, id('x'), id('y')]);
    expect(Array.from(merged.sizes.subarray(r * 4, r * 4 + 4))).toEqual([0, 0, sizeBucket(3), 1]);
    expect(sizeBucket(3)).toBe(2);
    const plain = build(false);
    expect(Array.from(plain.sizes.subarray(rowOf(plain) * 4, rowOf(plain) * 4 + 4))).toEqual([1, 1, 1, 1]);
  });

  it('ranks the history by count (ties: more recent first) and blends it into the softmax', () => {
    const s = build(true);
    const r = rowOf(s);
    expect(Array.from(s.historyCategories.subarray(r * 10, r * 10 + 3))).toEqual([id('y'), id('x'), 0]);
    const width = 2 + vocab.categories.length;
    const frequencies = historyFrequencies(s, r, width);
    expect([frequencies[id('x')], frequencies[id('y')], frequencies[id('z')]]).toEqual([0.5, 0.5, 0]);
    const softmax = new Float32Array(width);
    softmax[id('z')] = 0.5;
    softmax[id('y')] = 0.2;
    softmax[id('x')] = 0.1;
    expect(blendedRanking(softmax, s, r, 0, 3)).toEqual([id('z'), id('y'), id('x')]);
    // 0.5 softmax + 0.5 history: z 0.25, x 0.30, y 0.35
    expect(blendedRanking(softmax, s, r, 0.5, 3)).toEqual([id('y'), id('x'), id('z')]);
  });
});

describe('PurchasePredictor', () => {
  it('learns the cart -> buy rule (held-out AUC > 0.95) and the next category', async () => {
    const model = await new PurchasePredictor({
      dim: 16,
      heads: 2,
      blocks: 1,
      epochs: 12,
      patience: 4,
      batchSize: 32,
      learningRate: 0.005,
      dropout: 0,
      seed: 3,
    }).fit({ vocabulary, train, validation });
    const prediction = await model.predict(test);
    expect(rocAuc(test.buy, prediction.buyProbability)).toBeGreaterThan(0.95);
    const buyers = Array.from({ length: test.n }, (_, r) => r).filter((r) => test.buy[r]);
    expect(buyers.every((r) => prediction.categories[r][0] === 'gift')).toBe(true);
    // the same rule is invisible to aggregate features as of the cutoff only partly: both baselines run
    expect(rocAuc(test.buy, logisticBaseline(train, test))).toBeGreaterThan(0.5);
    expect(mostFrequentCategory(train, test)[0].length).toBeGreaterThan(0);
    model.dispose();
  });

  it('exports to ONNX with the same buy output as tfjs (onnxruntime-node)', async () => {
    const model = await new PurchasePredictor({
      dim: 8,
      heads: 2,
      blocks: 1,
      epochs: 1,
      seed: 2,
      calibration: 'none',
    }).fit({ vocabulary, train });
    const bytes = model.exportOnnx();
    const onnx = await OnnxModel.load(bytes);
    const rows = 5;
    const L = test.maxLength;
    const feeds = {
      types: { type: 'int32', data: test.types.slice(0, rows * L), dims: [rows, L] },
      items: { type: 'int32', data: test.items.slice(0, rows * L), dims: [rows, L] },
      categories: { type: 'int32', data: test.categories.slice(0, rows * L), dims: [rows, L] },
      gaps: { type: 'int32', data: test.gaps.slice(0, rows * L), dims: [rows, L] },
      ages: { type: 'int32', data: test.ages.slice(0, rows * L), dims: [rows, L] },
      sizes: { type: 'int32', data: test.sizes.slice(0, rows * L), dims: [rows, L] },
      context: {
        type: 'float32',
        data: test.context.slice(0, rows * test.contextWidth),
        dims: [rows, test.contextWidth],
      },
      dense: { type: 'float32', data: denseFor(model, test, rows), dims: [rows, test.denseNames.length] },
    };
    const out = await onnx.run(feeds as never);
    const expected = (await model.predict(test)).buyProbability.slice(0, rows);
    const got = Array.from(out.buy.data as Float32Array);
    for (let i = 0; i < rows; i++) expect(got[i]).toBeCloseTo(expected[i], 4);
    await onnx.close();
    model.dispose();
  });
});

function denseFor(model: PurchasePredictor, s: PurchaseSamples, rows: number): Float32Array {
  const t = model.toJSON().state?.denseTransform;
  const width = s.denseNames.length;
  const out = new Float32Array(rows * width);
  for (let i = 0; i < rows * width; i++) {
    const k = i % width;
    const raw = s.dense[i];
    const v = Number.isNaN(raw) ? (t?.median[k] ?? 0) : Math.sign(raw) * Math.log1p(Math.abs(raw));
    out[i] = (v - (t?.mean[k] ?? 0)) / (t?.std[k] ?? 1);
  }
  return out;
}

describeEstimator('PurchasePredictor', {
  create: () => new PurchasePredictor({ dim: 8, heads: 2, blocks: 1, epochs: 1, dropout: 0, seed: 5 }),
  data: () => ({ vocabulary, train }),
  otherData: () => ({ vocabulary, train: validation }),
  fit: (model, data) => model.fit(data),
  predict: async (model) => Array.from((await model.predict(test)).buyProbability),
  fromJSON: (json) => PurchasePredictor.fromJSON(json),
  tolerance: 1e-5,
});
