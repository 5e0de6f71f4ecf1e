import { describe, expect, it } from 'vitest';
import { createInteractions } from '../data/interactions';
import { userRankingMetrics } from '../metrics/ranking-metrics';
import { PopularityRecommender } from '../models/popularity';
import { leaveOneOutSplit } from '../split/leave-one-out';
import { evaluateRecommender } from './evaluate';

describe('evaluateRecommender', () => {
  // Popularity: x (3 users) > y (2) > z (1) > w (0 in train). Each user's last item is the test.
  const data = createInteractions([
    { userId: 'a', itemId: 'x', timestamp: 1 },
    { userId: 'a', itemId: 'y', timestamp: 2 },
    { userId: 'a', itemId: 'z', timestamp: 3 },
    { userId: 'b', itemId: 'x', timestamp: 1 },
    { userId: 'b', itemId: 'y', timestamp: 2 },
    { userId: 'b', itemId: 'w', timestamp: 3 },
    { userId: 'c', itemId: 'x', timestamp: 1 },
    { userId: 'c', itemId: 'z', timestamp: 2 },
    { userId: 'c', itemId: 'y', timestamp: 3 },
  ]);

  it('full ranking with the training items excluded, metrics averaged over test users, protocol named', async () => {
    const split = leaveOneOutSplit(data);
    const model = new PopularityRecommender().fit(split.train);
    const result = await evaluateRecommender(model, split, { k: 2 });
    // Train popularity: x 3, y 2, z 1, w 0. a (seen x, y) → [z, w], test z: hit at 1.
    // b (seen x, y) → [z, w], test w: hit at 2. c (seen x, z) → [y, w], test y: hit at 1.
    const expected = [
      userRankingMetrics([2, 3], new Set([2]), 2),
      userRankingMetrics([2, 3], new Set([3]), 2),
      userRankingMetrics([1, 3], new Set([1]), 2),
    ];
    expect(result.users).toBe(3);
    expect(result.metrics.hr).toBe(1);
    expect(result.metrics.mrr).toBeCloseTo((1 + 0.5 + 1) / 3, 12);
    expect(result.metrics.ndcg).toBeCloseTo(expected.reduce((s, m) => s + m.ndcg, 0) / 3, 12);
    expect(result.metrics.coverage).toBeCloseTo(3 / 3, 12); // recommended {y, z, w}; w has no train rows, so 3/3 train items
    expect(result.protocol.name).toBe('loo');
    expect(result.lists.map((l) => Array.from(l, (i) => data.itemIds[i]))).toEqual([
      ['z', 'w'],
      ['z', 'w'],
      ['y', 'w'],
    ]);
  });

  it('excludeSeen: false ranks training items too', async () => {
    const split = leaveOneOutSplit(data);
    const model = new PopularityRecommender().fit(split.train);
    const result = await evaluateRecommender(model, split, { k: 1, excludeSeen: false });
    expect(result.lists.map((l) => data.itemIds[l[0]])).toEqual(['x', 'x', 'x']);
    expect(result.metrics.hr).toBe(0);
  });
});

describe('BaseRecommender.recommend', () => {
  const model = new PopularityRecommender().fit(
    createInteractions([
      { userId: 'a', itemId: 'x' },
      { userId: 'b', itemId: 'x' },
      { userId: 'b', itemId: 'y' },
      { userId: 'c', itemId: 'z' },
    ]),
  );

  it('excludes seen and listed items, restricts to candidates, warns about unknown ids and users', () => {
    expect(model.recommend('a').items.map((i) => i.itemId)).toEqual(['y', 'z']);
    expect(model.recommend('a', { excludeSeen: false, k: 1 }).items[0].itemId).toBe('x');
    expect(model.recommend('a', { exclude: ['y'] }).items.map((i) => i.itemId)).toEqual(['z']);
    const restricted = model.recommend('nobody', { candidates: ['z', 'nope'] });
    expect(restricted.items.map((i) => i.itemId)).toEqual(['z']);
    expect(restricted.warnings).toEqual([
      'unknown user "nobody": no history, scores come from the model\'s prior',
      'candidates: 1 unknown item id(s) ignored (nope)',
    ]);
    expect(model.recommend('c', { history: ['x'] }).items.map((i) => i.itemId)).toEqual(['y', 'z']);
  });
});
