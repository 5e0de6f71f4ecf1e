import { createRng, initTensorBackend } from '@shoppilot/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SparseRows } from '../../data/histories';
import { createInteractions } from '../../data/interactions';
import { SasRecRecommender } from './sasrec';
import { holdOutLastItems } from './sasrec-validation';

beforeAll(async () => {
  await initTensorBackend({ backend: 'wasm' });
});

function rows(lists: number[][], columns: number): SparseRows {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((list, u) => {
    offsets[u + 1] = offsets[u] + list.length;
  });
  const flat = lists.flat();
  return {
    rows: lists.length,
    columns,
    offsets,
    indices: Int32Array.from(flat),
    times: Float64Array.from(flat, (_, k) => k),
    values: Float64Array.from(flat, () => 1),
  };
}

describe('holdOutLastItems', () => {
  it('holds out the last item of users with 3+ items and keeps everything else in order', () => {
    const split = holdOutLastItems(rows([[3, 1, 2], [0, 1], [4, 0, 1, 2], []], 5));
    expect(split.users).toEqual([0, 2]);
    expect(split.targets).toEqual([2, 2]);
    expect(Array.from(split.train.offsets)).toEqual([0, 2, 4, 7, 7]);
    expect(Array.from(split.train.indices)).toEqual([3, 1, 0, 1, 4, 0, 1]);
    expect(Array.from(split.train.times)).toEqual([0, 1, 3, 4, 5, 6, 7]);
  });

  it('with minItems 2 also holds out the last item of two-item users (a one-item history remains)', () => {
    const split = holdOutLastItems(rows([[3, 1, 2], [0, 1], [4], []], 5), 2);
    expect(split.users).toEqual([0, 1]);
    expect(split.targets).toEqual([2, 1]);
    expect(Array.from(split.train.offsets)).toEqual([0, 2, 3, 4, 4]);
    expect(Array.from(split.train.indices)).toEqual([3, 1, 0, 4]);
  });
});

describe('SasRecRecommender early stopping', () => {
  it('keeps the best checked epoch, stops `patience` epochs after it (not before `minEpochs`), and its HR@10 is the validation figure', async () => {
    // 40 users walk a 30-item cycle (i → i+1) for 8 steps from a random start.
    const rng = createRng(5);
    const data = [];
    for (let u = 0; u < 40; u++) {
      const start = rng.int(30);
      for (let t = 0; t < 8; t++)
        data.push({ userId: `u${u}`, itemId: `i${(start + t) % 30}`, timestamp: t });
    }
    const interactions = createInteractions(data);
    const settings = {
      dim: 16,
      heads: 2,
      blocks: 1,
      maxLength: 6,
      dropout: 0,
      batchSize: 32,
      learningRate: 0.01,
      seed: 3,
      epochs: 30,
      earlyStopping: { every: 2, patience: 4, minEpochs: 10 },
    };
    const model = await new SasRecRecommender(settings).fit(interactions);
    const history = model.validation;
    expect(history.map((h) => h.epoch)).toEqual(history.map((_, k) => 2 * (k + 1)));
    const best = history.reduce((a, b) => (b.hitRate > a.hitRate ? b : a));
    const bestAt = history.indexOf(best);
    // Either every epoch ran, or training stopped at the first check at least `minEpochs` in and
    // `patience` epochs after the best one.
    const stoppedAt = history[history.length - 1].epoch;
    if (model.losses.length < 30) {
      expect(stoppedAt).toBe(Math.max(10, best.epoch + 4));
      expect(history.slice(bestAt + 1).every((h) => h.hitRate <= best.hitRate)).toBe(true);
    } else expect(model.losses.length).toBe(30);
    expect(model.losses.length).toBe(history[history.length - 1].epoch);
    expect(best.hitRate).toBeGreaterThan(0.5); // a random ranking of 23 unseen items gives 10/23

    // The kept weights are the best epoch's: HR@10 of the public recommend() on the held-out items.
    let hits = 0;
    for (let u = 0; u < 40; u++) {
      const items = Array.from(model.queryFor(`u${u}`).items);
      const list = model.recommend({ items: items.slice(0, -1) }, { k: 10 });
      if (list.items.some((item) => item.itemId === interactions.itemIds[items[items.length - 1]])) hits++;
    }
    expect(hits / 40).toBeCloseTo(best.hitRate, 10);

    const restored = SasRecRecommender.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(restored.validation).toEqual(history);

    // refit: the same validated run (same seed), then a fresh model trained on every item for the best epoch count.
    const refit = await new SasRecRecommender({
      ...settings,
      earlyStopping: { ...settings.earlyStopping, refit: true },
    }).fit(interactions);
    expect(refit.validation).toEqual(history);
    expect(refit.losses.length).toBe(best.epoch);
  });
});
