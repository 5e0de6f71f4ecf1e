import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { createInteractions } from '../data/interactions';
import { ItemGraph } from '../items/item-graph';
import { ItemKnnRecommender } from '../models/item-knn';
import { ColdStartRecommender } from './cold-start';

// Warm items w0..w3 (w0 and w1 co-occur, w2 and w3 co-occur); n0 is new, with the content of w1.
const rows = [
  ...['a', 'b', 'c'].flatMap((u) => [
    { userId: u, itemId: 'w0' },
    { userId: u, itemId: 'w1' },
  ]),
  ...['d', 'e'].flatMap((u) => [
    { userId: u, itemId: 'w2' },
    { userId: u, itemId: 'w3' },
  ]),
  { userId: 'f', itemId: 'w3' },
];
const train = createInteractions(rows.map((r, t) => ({ ...r, timestamp: t })));
const catalogue = ['w0', 'w1', 'w2', 'w3', 'n0'];
const vectors = Float32Array.from([1, 0, 0, 0.9, 0.1, 0, 0, 1, 0, 0, 0.9, 0.1, 0.9, 0.1, 0]);
const segments = { d: 'gamers', e: 'gamers', f: 'gamers', a: 'cooks', b: 'cooks', c: 'cooks' };

const fitted = () => {
  const warm = new ItemKnnRecommender().fit(train);
  return new ColdStartRecommender({ minHistory: 2 }).fit(train, {
    catalogue,
    itemVectors: vectors,
    dimension: 3,
    warm,
    userSegments: segments,
  });
};

describeEstimator('ColdStartRecommender', {
  create: () => new ColdStartRecommender({ minHistory: 2 }),
  data: () => ({ warm: new ItemKnnRecommender().fit(train) }),
  fit: (model, data) =>
    model.fit(train, {
      catalogue,
      itemVectors: vectors,
      dimension: 3,
      warm: data.warm,
      userSegments: segments,
    }),
  predict: (model) => model.recommend({ session: ['w0'], k: 5 }).items.map((i) => [i.itemId, i.score]),
  fromJSON: (json) => ColdStartRecommender.fromJSON(json),
});

describe('ColdStartRecommender', () => {
  it('a new item borrows the standardised warm score of its nearest content neighbour (here exactly w1’s)', () => {
    const warm = new ItemKnnRecommender().fit(train);
    const cs = new ColdStartRecommender({ minHistory: 1 }).fit(train, {
      catalogue,
      itemVectors: vectors,
      dimension: 3,
      warm,
    });
    const list = cs.recommend({ session: ['w0'], k: 5 });
    expect(list.strategy).toBe('warm');
    const score = Object.fromEntries(list.items.map((i) => [i.itemId, i.score]));
    // Warm z-scores over {w1, w2, w3} with raw item-kNN scores (1, 0, 0): w1 = √2, w2 = w3 = −1/√2.
    // n0 = (0.9, 0.1, 0)/√0.82 borrows from w1 (cosine 1), w2 (0.1/√0.82) and w3 (0.09/0.82);
    // w0 (cosine 0.99) is in the history and skipped.
    const [c1, c2, c3] = [1, 0.1 / Math.sqrt(0.82), 0.09 / 0.82];
    expect(score.w1).toBeCloseTo(Math.SQRT2, 6);
    expect(score.n0).toBeCloseTo((c1 * Math.SQRT2 - (c2 + c3) * Math.SQRT1_2) / (c1 + c2 + c3), 5);
    expect(list.items.find((i) => i.itemId === 'n0')?.reasons[0]).toMatch(
      /new item: borrows from similar item "w1"/,
    );
  });

  it('a new user with no session gets popularity of their segment (context) first', () => {
    const cs = fitted();
    const gamer = cs.recommend({ context: { segment: 'gamers' }, k: 2 });
    expect(gamer.strategy).toBe('prior');
    expect(gamer.items[0].itemId).toBe('w3');
    expect(gamer.items[0].reasons[0]).toMatch(/segment = gamers/);
    const cook = cs.recommend({ context: { segment: 'cooks' }, k: 2 });
    expect(cook.items.map((i) => i.itemId).sort()).toEqual(['w0', 'w1']);
  });

  it('a short session switches to the warm model on the session (plus the prior)', () => {
    const list = fitted().recommend({ session: ['w2'], k: 1, context: { segment: 'cooks' } });
    expect(list.strategy).toBe('session');
    expect(list.items[0].itemId).toBe('w3');
  });

  it('uses the item graph for new items when given', () => {
    const graph = ItemGraph.build([
      { itemId: 'w2', title: '', categoryPath: ['Games'] },
      { itemId: 'n0', title: '', categoryPath: ['Games'] },
    ]);
    const warm = new ItemKnnRecommender().fit(train);
    const cs = new ColdStartRecommender({ minHistory: 1, graphWeight: 1 }).fit(train, {
      catalogue,
      itemVectors: vectors,
      dimension: 3,
      warm,
      graph,
    });
    const list = cs.recommend({ session: ['w3'], k: 5 });
    expect(list.items.find((i) => i.itemId === 'n0')?.reasons[0]).toMatch(/borrows from similar item "w2"/);
  });
});
