import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { groupAuc, twoGroups } from '../__fixtures__/two-groups';
import { userHistories } from '../data/histories';
import { createInteractions } from '../data/interactions';
import { EaseRecommender } from './ease';
import { loadRecommender } from './registry';
import { WeightedEaseRecommender } from './weighted-ease';
import { addKernelGram, ratingConfidence } from './weighted-gram';

const all = { lambda: 3, ratingWeight: 0.5, timeWeight: 1, timeScale: 2000, dropout: 0.2 };

describeEstimator('WeightedEaseRecommender', {
  create: () => new WeightedEaseRecommender(all),
  data: () => twoGroups(),
  otherData: () => twoGroups(20, 6, 4, 9),
  fit: (model, d) => model.fit(d),
  predict: (model, d) => model.scoreItems([{ user: 0, items: [0, 1] }, { items: [d.itemIds.length - 1] }]),
  fromJSON: (json) => loadRecommender(json) as WeightedEaseRecommender,
});

const queries = [{ user: 0, items: [0, 1, 2] }, { user: 15, items: [9, 10] }, { items: [3] }];

describe('WeightedEaseRecommender', () => {
  it('with the defaults (binary entries, no time term, no dropout) equals EASE', async () => {
    const d = twoGroups();
    const ease = await new EaseRecommender({ lambda: 3 }).fit(d);
    const weighted = await new WeightedEaseRecommender({ lambda: 3 }).fit(d);
    const [a, b] = [ease.scoreItems(queries), weighted.scoreItems(queries)];
    for (let q = 0; q < queries.length; q++)
      for (let i = 0; i < a[q].length; i++) expect(b[q][i]).toBeCloseTo(a[q][i], 6);
  });

  it('constant ratings r: entries c = 1 + a·r scale the Gram by c², so λ·c² gives c × EASE(λ)', async () => {
    const base = twoGroups();
    const rows = Array.from(base.users, (user, k) => ({
      userId: base.userIds[user],
      itemId: base.itemIds[base.items[k]],
      timestamp: base.times[k],
      weight: 3,
    }));
    const d = createInteractions(rows);
    const c = 1 + 0.5 * 3;
    const ease = await new EaseRecommender({ lambda: 3 }).fit(d);
    const weighted = await new WeightedEaseRecommender({ lambda: 3 * c * c, ratingWeight: 0.5 }).fit(d);
    const [a, b] = [ease.scoreItems(queries), weighted.scoreItems(queries)];
    for (let q = 0; q < queries.length; q++)
      for (let i = 0; i < a[q].length; i++) expect(b[q][i]).toBeCloseTo(c * a[q][i], 5);
  });

  it('EDLAE closed form: (G + Λ)(I − B) is diagonal with Λ = λI + p/(1−p)·diag(G), and diag(B) = 0', async () => {
    const d = twoGroups();
    const [lambda, p] = [2, 0.3];
    const model = await new WeightedEaseRecommender({ lambda, dropout: p }).fit(d);
    const n = d.itemIds.length;
    const gram = new Float64Array(n * n);
    addKernelGram(gram, userHistories(d, { duplicates: 'last' }), () => 1);
    const b = Array.from({ length: n }, (_, i) => model.scoreItems([{ items: [i] }])[0]); // row i of B
    let worst = 0;
    for (let i = 0; i < n; i++) {
      expect(b[i][i]).toBe(0);
      const reg = lambda + (p / (1 - p)) * gram[i * n + i];
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        let s = 0;
        for (let k = 0; k < n; k++)
          s += (gram[i * n + k] + (i === k ? reg : 0)) * ((k === j ? 1 : 0) - b[k][j]);
        worst = Math.max(worst, Math.abs(s));
      }
    }
    expect(worst).toBeLessThan(1e-4); // float32 weights
    expect(groupAuc(d, (_u, h) => model.scoreItems([{ items: h }])[0])).toBeGreaterThan(0.95);
  });

  it('a new user uses the query ratings; unknown ones get the mean training rating', async () => {
    const d = twoGroups();
    const model = await new WeightedEaseRecommender({ lambda: 3, ratingWeight: 1 }).fit(d);
    const single = (rating?: number) =>
      model.scoreItems([{ items: [2], weights: rating === undefined ? undefined : [rating] }])[0];
    const [one, five] = [single(1), single(5)];
    for (let i = 0; i < one.length; i++) expect(five[i]).toBeCloseTo(3 * one[i], 6); // (1 + 5) / (1 + 1)
    const mean = d.weights.reduce((s, w) => s + w, 0) / d.weights.length;
    const unknown = single();
    for (let i = 0; i < one.length; i++) expect(unknown[i]).toBeCloseTo(((1 + mean) / 2) * one[i], 6);
  });
});

describe('addKernelGram', () => {
  it('adds Σ v_a v_b exp(−|t_a − t_b| / scale) per user (hand-computed 3-event example)', () => {
    // one user: x at t 0 (rating 0), y at t 10 (rating 1), z at t 30 (rating 0); c = 1 + rating
    const d = createInteractions([
      { userId: 'u', itemId: 'x', timestamp: 0, weight: 0 },
      { userId: 'u', itemId: 'y', timestamp: 10, weight: 1 },
      { userId: 'u', itemId: 'z', timestamp: 30, weight: 0 },
    ]);
    const rows = userHistories(d);
    const gram = new Float64Array(9);
    addKernelGram(gram, rows, ratingConfidence(rows, 1), 10, 2);
    const e = Math.exp;
    const expected = [1, 2 * e(-1), e(-3), 2 * e(-1), 4, 2 * e(-2), e(-3), 2 * e(-2), 1].map((v) => 2 * v);
    for (const [k, v] of gram.entries()) expect(v).toBeCloseTo(expected[k], 12);
    const plain = new Float64Array(9);
    addKernelGram(plain, rows, () => 1); // infinite scale: the binary co-occurrence XᵀX
    expect(Array.from(plain)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });
});
