import { createRng, initTensorBackend, OnnxModel } from '@shoppilot/core';
import { describeEstimator } from '@shoppilot/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinySasRecOptions } from '../../__fixtures__/tiny-sasrec';
import { createInteractions, type Interactions } from '../../data/interactions';
import { SasRecRecommender } from './sasrec';

/** Users walk a cycle of 10 items (i → i+1 mod 10) from a random start: the next item is determined. */
function cycles(users = 40, length = 8, seed = 1): Interactions {
  const rng = createRng(seed);
  const rows = [];
  for (let u = 0; u < users; u++) {
    const start = rng.int(10);
    for (let t = 0; t < length; t++)
      rows.push({ userId: `u${u}`, itemId: `i${(start + t) % 10}`, timestamp: t });
  }
  return createInteractions(rows);
}

const small = tinySasRecOptions({ heads: 2, maxLength: 6 });

beforeAll(async () => {
  await initTensorBackend({ backend: 'wasm' });
});

describeEstimator('SasRecRecommender', {
  create: () => new SasRecRecommender({ ...small, epochs: 2 }),
  data: () => cycles(12, 5),
  fit: (model, data) => model.fit(data),
  predict: (model, data) => model.scoreItems([{ items: [0, 1, 2] }, { items: [data.itemIds.length - 1] }]),
  fromJSON: (json) => SasRecRecommender.fromJSON(json),
  tolerance: 1e-5,
});

describe('SasRecRecommender', () => {
  it('learns a deterministic successor (top-1 = next item of the cycle) and exports the same scores to ONNX', async () => {
    const data = cycles();
    const model = await new SasRecRecommender({ ...small, epochs: 40 }).fit(data);
    const losses = model.losses;
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 3);
    const index = (id: string) => data.itemIds.indexOf(id);
    let correct = 0;
    for (let k = 0; k < 10; k++) {
      const history = [k, k + 1, k + 2].map((i) => index(`i${i % 10}`));
      const list = model.recommend({ items: history }, { k: 1 });
      if (list.items[0].itemId === `i${(k + 3) % 10}`) correct++;
    }
    expect(correct).toBeGreaterThanOrEqual(9);
    expect(model.recommend({ items: [index('i4')] }, { k: 1 }).items[0].reasons[0]).toMatch(
      /next in sequence after "i4"/,
    );

    // ONNX: history [1, 6] left-padded with item index + 1, candidates = every item.
    const onnx = await OnnxModel.load(model.toOnnx(), { threads: 1 });
    try {
      const history = [index('i7'), index('i8')];
      const padded = Int32Array.from([0, 0, 0, 0, history[0] + 1, history[1] + 1]);
      const candidates = Int32Array.from({ length: data.itemIds.length }, (_, i) => i + 1);
      const out = await onnx.run({
        history: { data: padded, dims: [1, 6] },
        candidates: { data: candidates, dims: [1, candidates.length] },
      });
      const expected = model.scoreItems([{ items: history }])[0];
      const got = out[onnx.outputNames[0]].data;
      for (let i = 0; i < expected.length; i++)
        expect(Math.abs(Number(got[i]) - expected[i])).toBeLessThan(1e-4);
    } finally {
      await onnx.close();
    }
  });

  it.each([false, true])(
    'learns deterministic transitions from short left-padded sessions (2-4 items) and predicts after 1, 2 or 3 items (lengthBatches %s)',
    async (lengthBatches) => {
      // 31 items, successor(i) = 7i + 3 mod 31 (a permutation); 150 sessions of 2-4 items from random
      // starts, like DIGINETICA's sessions (mean length ~3). Known answer: the top-1 of any history
      // is the successor of its last item, whatever the history length (1, 2 or 3 items, left-padded).
      const next = (i: number) => (7 * i + 3) % 31;
      const rng = createRng(11);
      const rows = [];
      for (let u = 0; u < 150; u++) {
        let item = rng.int(31);
        const length = 2 + rng.int(3);
        for (let t = 0; t < length; t++, item = next(item))
          rows.push({ userId: `s${u}`, itemId: `i${item}`, timestamp: t });
      }
      const data = createInteractions(rows);
      const model = await new SasRecRecommender({ ...small, maxLength: 10, epochs: 40, lengthBatches }).fit(
        data,
      );
      const index = (i: number) => data.itemIds.indexOf(`i${i}`);
      let correct = 0;
      let total = 0;
      for (let a = 0; a < 31; a++) {
        const before = [a];
        while (before.length < 3) before.unshift((31 + (((before[0] - 3) * 9) % 31)) % 31); // 9 = 7⁻¹ mod 31
        for (const take of [1, 2, 3]) {
          const history = before.slice(3 - take).map(index);
          const scores = model.scoreItems([{ items: history }])[0];
          const top = scores.indexOf(Math.max(...scores));
          if (data.itemIds[top] === `i${next(a)}`) correct++;
          total++;
        }
      }
      expect(correct / total).toBeGreaterThanOrEqual(0.95);
    },
  );
});
