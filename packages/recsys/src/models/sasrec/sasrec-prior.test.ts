import { initTensorBackend } from '@shoppilot/core';
import { describeEstimator } from '@shoppilot/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinySasRecOptions } from '../../__fixtures__/tiny-sasrec';
import { userHistories } from '../../data/histories';
import { createInteractions, type InteractionRow, type Interactions } from '../../data/interactions';
import { topK } from '../../search/top-k';
import { ItemKnnRecommender } from '../item-knn';
import { SasRecRecommender } from './sasrec';
import { createPriorHead, DEFAULT_PRIOR_KNN, fitPriorWeight, trainingNeighbours } from './sasrec-prior';

/**
 * An XOR world: sessions A_a, B_b, C_(a xor b), every (a, b) 30 times. Co-visitation sees each of
 * A0, A1, B0, B1 next to C0 and C1 equally often, so item-kNN ties C0 and C1 after any A_a, B_b;
 * the next item is a function of the pair, which only a sequence model can read.
 */
function xorWorld(): Interactions {
  const rows: InteractionRow[] = [];
  let u = 0;
  for (let rep = 0; rep < 30; rep++)
    for (const a of [0, 1])
      for (const b of [0, 1]) {
        const session = [`A${a}`, `B${b}`, `C${a ^ b}`];
        session.forEach((itemId, t) => {
          rows.push({ userId: `s${u}`, itemId, timestamp: t });
        });
        u++;
      }
  return createInteractions(rows);
}

const small = tinySasRecOptions({ maxLength: 4 });

beforeAll(async () => {
  await initTensorBackend({ backend: 'wasm' });
});

describeEstimator('SasRecRecommender (kNN prior hybrid)', {
  create: () => new SasRecRecommender({ ...small, epochs: 2, prior: {} }),
  data: xorWorld,
  fit: (model, data) => model.fit(data),
  predict: (model, data) => model.scoreItems([{ items: [0, 1] }, { items: [data.itemIds.length - 1] }]),
  fromJSON: (json) => SasRecRecommender.fromJSON(json),
  tolerance: 1e-5,
});

describe('SasRec kNN prior (hybrid)', () => {
  it('fits the prior weight alone in closed form: prior [1, 0], target item 0 three times in four → w = ln 3', () => {
    // Softmax of w·[1, 0] gives item 0 probability e^w / (e^w + 1); the cross-entropy optimum is 3/4.
    const rows = 400;
    const prior = new Float32Array(rows * 2);
    const labels = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      prior[2 * r] = 1;
      labels[r] = r % 4 === 3 ? 1 : 0;
    }
    expect(fitPriorWeight(prior, labels)).toBeCloseTo(Math.log(3), 6);
    // A prior that points away from the targets gets weight 0.
    expect(fitPriorWeight(prior, new Int32Array(rows).fill(1))).toBe(0);
  });

  it('cross-fitting: a training user reads a kNN without its own fold, so a pair only it saw is absent', () => {
    // X -> Y appears only in user 0's history; users 1-3 share P -> Q.
    const data = createInteractions([
      { userId: 'u0', itemId: 'X', timestamp: 0 },
      { userId: 'u0', itemId: 'Y', timestamp: 1 },
      ...[1, 2, 3].flatMap((u) => [
        { userId: `u${u}`, itemId: 'P', timestamp: 0 },
        { userId: `u${u}`, itemId: 'Q', timestamp: 1 },
      ]),
    ]);
    const head = createPriorHead(userHistories(data), { folds: 2 }, () => 1);
    const [x, y, p, q] = ['X', 'Y', 'P', 'Q'].map((id) => data.itemIds.indexOf(id));
    const user = (id: string) => data.userIds.indexOf(id);
    const neighboursOf = (lists: ReturnType<typeof trainingNeighbours>, item: number) =>
      Array.from(lists.indices.subarray(lists.offsets[item], lists.offsets[item + 1]));
    expect(neighboursOf(head.neighbours, x)).toEqual([y]);
    expect(head.folds).toHaveLength(2);
    // u0 reads the kNN of the other fold: X has no neighbour there, P still has Q.
    const own = trainingNeighbours(head, user('u0'));
    expect(neighboursOf(own, x)).toEqual([]);
    expect(neighboursOf(own, p)).toEqual([q]);
    // A user of the other fold reads u0's X -> Y.
    const other = data.userIds.findIndex((_, u) => u % 2 !== user('u0') % 2);
    expect(neighboursOf(trainingNeighbours(head, other), x)).toEqual([y]);
    head.weight.dispose();
    head.gate.dispose();
  });

  it('with the Transformer path zeroed (gate 0) scores weight · log(1 + item-kNN score) and ranks as item-kNN', async () => {
    const data = xorWorld();
    const model = await new SasRecRecommender({ ...small, epochs: 0, prior: { transformerStart: 0 } }).fit(
      data,
    );
    const knn = new ItemKnnRecommender(DEFAULT_PRIOR_KNN).fit(data);
    const index = (id: string) => data.itemIds.indexOf(id);
    const queries = [['A0'], ['A1', 'B0'], ['B1', 'C1'], ['A0', 'B1', 'C1']].map((h) => ({
      items: h.map(index),
    }));
    const hybrid = model.scoreItems(queries);
    const prior = knn.scoreItems(queries);
    const ratios = hybrid.flatMap((s, q) =>
      Array.from(s, (v, i) => (prior[q][i] > 0 ? v / Math.log1p(prior[q][i]) : v)),
    );
    const weight = ratios.find((r) => r !== 0) ?? 0;
    expect(weight).toBeGreaterThan(0);
    hybrid.forEach((s, q) => {
      s.forEach((v, i) => {
        expect(v).toBeCloseTo(weight * Math.log1p(prior[q][i]), 5);
      });
    });
    hybrid.forEach((s, q) => {
      const seen = new Uint8Array(s.length);
      for (const i of queries[q].items) seen[i] = 1;
      expect(Array.from(topK(s, 2, seen).indices)).toEqual(Array.from(topK(prior[q], 2, seen).indices));
    });
  });

  it('learns the XOR successor that item-kNN cannot see (kNN ties C0 and C1; the hybrid ranks the right one first)', async () => {
    const data = xorWorld();
    const index = (id: string) => data.itemIds.indexOf(id);
    const knn = new ItemKnnRecommender(DEFAULT_PRIOR_KNN).fit(data);
    const model = await new SasRecRecommender({ ...small, epochs: 60, prior: {} }).fit(data);
    for (const a of [0, 1])
      for (const b of [0, 1]) {
        const query = { items: [index(`A${a}`), index(`B${b}`)] };
        const prior = knn.scoreItems([query])[0];
        expect(prior[index('C0')]).toBeCloseTo(prior[index('C1')], 10);
        const scores = model.scoreItems([query])[0];
        expect(scores[index(`C${a ^ b}`)]).toBeGreaterThan(scores[index(`C${1 - (a ^ b)}`)] + 0.5);
        expect(model.recommend(query, { k: 1 }).items[0].itemId).toBe(`C${a ^ b}`);
      }
  });
});
