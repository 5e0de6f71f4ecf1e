import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { twoGroups } from '../__fixtures__/two-groups';
import { createInteractions } from '../data/interactions';
import { loadRecommender } from './registry';
import { TimeAvailabilityRecommender } from './time-availability';

describeEstimator('TimeAvailabilityRecommender', {
  create: () => new TimeAvailabilityRecommender({ floor: 0.05, margin: 500 }),
  data: () => twoGroups(),
  otherData: () => twoGroups(20, 6, 4, 9),
  fit: (model, d) => model.fit(d),
  predict: (model) =>
    model.scoreItems([
      { user: 3, items: [0, 1] },
      { items: [2], times: [40_000] },
    ]),
  fromJSON: (json) => loadRecommender(json) as TimeAvailabilityRecommender,
});

describe('TimeAvailabilityRecommender', () => {
  // b rates x, y, z first (t 0, 100, 200); a rates x, w, v at t 50, 150, 250 (w, v first seen then).
  const d = createInteractions([
    { userId: 'b', itemId: 'x', timestamp: 0 },
    { userId: 'b', itemId: 'y', timestamp: 100 },
    { userId: 'b', itemId: 'z', timestamp: 200 },
    { userId: 'a', itemId: 'x', timestamp: 50 },
    { userId: 'a', itemId: 'w', timestamp: 150 },
    { userId: 'a', itemId: 'v', timestamp: 250 },
  ]);
  const order = ['x', 'y', 'z', 'w', 'v'];

  it('scores log(share of the user’s times at or after the item’s first event + floor)', () => {
    const model = new TimeAvailabilityRecommender().fit(d);
    const scores = model.scoreItems([model.queryFor('a')])[0];
    const share = { x: 1, y: 2 / 3, z: 1 / 3, w: 2 / 3, v: 1 / 3 };
    order.forEach((id, i) => {
      expect(d.itemIds[i]).toBe(id);
      expect(scores[i]).toBeCloseTo(Math.log(share[id as keyof typeof share] + 0.01), 12);
    });
    const top = model.recommend('a', { k: 2 });
    expect(top.items.map((item) => item.itemId)).toEqual(['y', 'z']); // a's own items excluded
    expect(top.items[0].reasons[0]).toMatch(/67%/);
  });

  it('a margin makes items available earlier; a query without times scores every item alike', () => {
    const model = new TimeAvailabilityRecommender({ margin: 60, floor: 0.1 }).fit(d);
    const scores = model.scoreItems([{ items: [0, 3, 4], times: [50, 150, 250] }])[0];
    expect(scores[1]).toBeCloseTo(Math.log(1 + 0.1), 12); // y (first 100) counts from t 40
    expect(scores[2]).toBeCloseTo(Math.log(2 / 3 + 0.1), 12); // z (first 200) from t 140
    const blind = model.scoreItems([{ items: [0] }])[0];
    expect(new Set(blind).size).toBe(1);
  });
});
