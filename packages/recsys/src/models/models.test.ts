import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { groupAuc, twoGroups } from '../__fixtures__/two-groups';
import { itemHistories, userHistories } from '../data/histories';
import { createInteractions, type Interactions } from '../data/interactions';
import { AlsRecommender } from './als';
import type { BaseRecommender } from './base-recommender';
import { BlendRecommender } from './blend';
import { BprRecommender } from './bpr';
import { EaseRecommender } from './ease';
import { conjugateGradient } from './factor-model';
import { ItemKnnRecommender } from './item-knn';
import { PopularityRecommender } from './popularity';
import { loadRecommender } from './registry';

const data = () => twoGroups();
const other = () => twoGroups(20, 6, 4, 9);
const predict = (model: BaseRecommender<unknown, unknown>, d: Interactions) =>
  model.scoreItems([{ user: 0, items: [0, 1] }, { items: [d.itemIds.length - 1] }]);

const contracts: Array<[string, () => BaseRecommender<unknown, unknown>]> = [
  ['PopularityRecommender', () => new PopularityRecommender({ mode: 'recent', halfLife: 5000 })],
  ['ItemKnnRecommender', () => new ItemKnnRecommender({ similarity: 'covisitation', pairHalfLife: 3000 })],
  ['EaseRecommender', () => new EaseRecommender({ lambda: 3 })],
  ['AlsRecommender', () => new AlsRecommender({ factors: 4, iterations: 3, seed: 2 })],
  ['BprRecommender', () => new BprRecommender({ factors: 4, epochs: 3, seed: 2 })],
  [
    'BlendRecommender',
    () =>
      new BlendRecommender({
        components: [
          { kind: 'recsys.ease', options: { lambda: 2 }, weight: 1 },
          { kind: 'recsys.popularity', weight: 0.5 },
        ],
      }),
  ],
];
for (const [name, create] of contracts) {
  describeEstimator(name, {
    create,
    data,
    otherData: other,
    fit: (model, d) => model.fit(d) as Promise<typeof model> | typeof model,
    predict,
    fromJSON: (json) => loadRecommender(json),
  });
}

describe('PopularityRecommender', () => {
  it('global: distinct users per item; recent: Σ 0.5^(age/halfLife)', () => {
    const d = createInteractions([
      { userId: 'a', itemId: 'x', timestamp: 0 },
      { userId: 'a', itemId: 'x', timestamp: 10 },
      { userId: 'b', itemId: 'x', timestamp: 10 },
      { userId: 'b', itemId: 'y', timestamp: 20 },
    ]);
    const global = new PopularityRecommender().fit(d);
    expect(Array.from(global.scoreItems([{ items: [] }])[0])).toEqual([2, 1]);
    const recent = new PopularityRecommender({ mode: 'recent', halfLife: 10 }).fit(d);
    const [x, y] = recent.scoreItems([{ items: [] }])[0];
    expect(x).toBeCloseTo(0.25 + 0.5 + 0.5, 12);
    expect(y).toBeCloseTo(1, 12);
    const list = recent.recommend('a', { k: 1 });
    expect(list.items.map((i) => i.itemId)).toEqual(['y']); // x was seen by a
    expect(list.items[0].reasons[0]).toMatch(/trending/);
  });
});

describe('ItemKnnRecommender', () => {
  it('cosine = co-users / √(users_i · users_j) and scores sum over the history', () => {
    const d = createInteractions([
      { userId: 'a', itemId: 'x' },
      { userId: 'a', itemId: 'y' },
      { userId: 'b', itemId: 'x' },
      { userId: 'b', itemId: 'y' },
      { userId: 'c', itemId: 'x' },
      { userId: 'c', itemId: 'z' },
      { userId: 'd', itemId: 'y' },
    ]);
    const knn = new ItemKnnRecommender().fit(d);
    const neighbours = Object.fromEntries(knn.neighboursOf('x').map((n) => [n.itemId, n.similarity]));
    expect(neighbours.y).toBeCloseTo(2 / Math.sqrt(3 * 3), 6);
    expect(neighbours.z).toBeCloseTo(1 / Math.sqrt(3 * 1), 6);
    const [scores] = knn.scoreItems([{ items: [0, 2] }]); // x and z
    expect(scores[1]).toBeCloseTo(2 / 3 + 0, 6); // y: sim(x,y) + sim(z,y) = 2/3 + 0
    const top = knn.recommend({ items: [0] }, { k: 1 });
    expect(top.items[0].itemId).toBe('y');
    expect(top.items[0].reasons[0]).toMatch(/similar to "x"/);
  });

  it('co-visitation counts only events within the window, decayed by their time gap', () => {
    const d = createInteractions([
      { userId: 'a', itemId: 'x', timestamp: 0 },
      { userId: 'a', itemId: 'y', timestamp: 10 },
      { userId: 'a', itemId: 'z', timestamp: 20 },
    ]);
    const knn = new ItemKnnRecommender({ similarity: 'covisitation', window: 1, pairHalfLife: 10 }).fit(d);
    const x = Object.fromEntries(knn.neighboursOf('x').map((n) => [n.itemId, n.similarity]));
    expect(x.y).toBeCloseTo(0.5 / Math.sqrt(1), 6); // gap 10 = one half-life; z is two positions away
    expect(x.z).toBeUndefined();
  });
});

describe('EaseRecommender', () => {
  it('satisfies the closed form: (XᵀX + λI)(I − B) is diagonal and diag(B) = 0', async () => {
    const d = data();
    const lambda = 3;
    const ease = await new EaseRecommender({ lambda }).fit(d);
    const n = d.itemIds.length;
    const rows = userHistories(d, { duplicates: 'first' });
    const gram = new Float64Array(n * n);
    for (let u = 0; u < rows.rows; u++) {
      const items = rows.indices.subarray(rows.offsets[u], rows.offsets[u + 1]);
      for (const a of items) for (const b of items) gram[a * n + b]++;
    }
    const weights = Array.from({ length: n }, (_, i) => ease.scoreItems([{ items: [i] }])[0]); // row i of B
    let worst = 0;
    for (let i = 0; i < n; i++) {
      expect(weights[i][i]).toBe(0);
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        let s = 0;
        for (let p = 0; p < n; p++)
          s += (gram[i * n + p] + (i === p ? lambda : 0)) * ((p === j ? 1 : 0) - weights[p][j]);
        worst = Math.max(worst, Math.abs(s));
      }
    }
    expect(worst).toBeLessThan(1e-5); // float32 weights
    expect(groupAuc(d, (_u, h) => ease.scoreItems([{ items: h }])[0])).toBeGreaterThan(0.95);
  });
});

describe('AlsRecommender', () => {
  it('conjugate gradient solves an SPD system exactly in n steps', () => {
    const a = [4, 1, 0, 1, 3, 1, 0, 1, 2];
    const x = conjugateGradient(
      (v, out) => {
        for (let i = 0; i < 3; i++) out[i] = a[i * 3] * v[0] + a[i * 3 + 1] * v[1] + a[i * 3 + 2] * v[2];
      },
      Float64Array.from([1, 2, 3]),
      new Float64Array(3),
      3,
    );
    // python3 -c "import numpy as np; print(np.linalg.solve([[4,1,0],[1,3,1],[0,1,2]], [1,2,3]))" → [2/9, 1/9, 13/9]
    expect(Array.from(x).map((v) => Number(v.toFixed(10)))).toEqual([
      0.2222222222, 0.1111111111, 1.4444444444,
    ]);
  });

  it('with exact row solves, every item vector solves its weighted ridge normal equation (the last half-sweep)', async () => {
    const d = data();
    const f = 3;
    const [lambda, alpha] = [0.5, 2];
    const als = await new AlsRecommender({
      factors: f,
      iterations: 4,
      regularization: lambda,
      alpha,
      cgSteps: f,
      seed: 1,
    }).fit(d);
    const [users, items] = [als.userFactors, als.itemFactors];
    const byItem = itemHistories(d, { duplicates: 'first' });
    for (let item = 0; item < d.itemIds.length; item++) {
      const seen = new Set(byItem.indices.subarray(byItem.offsets[item], byItem.offsets[item + 1]));
      // Σ_u c_ui (x_u·y_i − p_ui) x_u + λ y_i = 0 with c = 1 + alpha on observed pairs.
      const gradient = Array.from({ length: f }, (_, a) => lambda * items[item * f + a]);
      for (let u = 0; u < d.userIds.length; u++) {
        let dot = 0;
        for (let a = 0; a < f; a++) dot += users[u * f + a] * items[item * f + a];
        const [c, p] = seen.has(u) ? [1 + alpha, 1] : [1, 0];
        for (let a = 0; a < f; a++) gradient[a] += c * (dot - p) * users[u * f + a];
      }
      for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-4);
    }
    expect(groupAuc(d, (u) => als.scoreItems([{ user: u, items: [] }])[0])).toBeGreaterThan(0.95);
  });
});

describe('BprRecommender', () => {
  it('separates two disjoint taste groups (AUC of own-group unseen items over the other group = 1)', async () => {
    const d = data();
    const bpr = await new BprRecommender({ factors: 8, epochs: 60, learningRate: 0.05, seed: 3 }).fit(d);
    expect(groupAuc(d, (u) => bpr.scoreItems([{ user: u, items: [] }])[0])).toBe(1);
    const folded = groupAuc(d, (_u, h) => bpr.scoreItems([{ items: h }])[0]);
    expect(folded).toBe(1);
  });
});

describe('BlendRecommender', () => {
  it('a single component keeps its ranking (the blend standardises scores, an order-preserving map)', async () => {
    const d = data();
    const ease = await new EaseRecommender({ lambda: 3 }).fit(d);
    const blend = BlendRecommender.fromFitted(d, [ease], [2]);
    const query = { items: [0, 3] };
    const order = (s: Float64Array) => Array.from(s.keys()).sort((a, b) => s[b] - s[a] || a - b);
    expect(order(blend.scoreItems([query])[0])).toEqual(order(ease.scoreItems([query])[0]));
  });
});
