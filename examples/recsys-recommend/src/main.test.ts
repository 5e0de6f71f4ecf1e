import { createInteractions, ItemKnnRecommender } from '@shoppilot/recsys';
import { describe, expect, it } from 'vitest';
import { run } from './main';

describe('examples/recsys-recommend', () => {
  it('scores by cosine similarity of buyer sets, worked out by hand', async () => {
    // buyers: p1 {A, B}, p2 {A, B, C}, p3 {B, C}; cos(p1, p2) = 2/√(2·3), cos(p1, p3) = 1/√(2·2)
    const rows = [
      ['A', 'p1'],
      ['A', 'p2'],
      ['B', 'p1'],
      ['B', 'p2'],
      ['B', 'p3'],
      ['C', 'p2'],
      ['C', 'p3'],
    ].map(([userId, itemId]) => ({ userId, itemId }));
    const model = new ItemKnnRecommender({ similarity: 'cosine' }).fit(createInteractions(rows));
    const list = model.recommend({ items: [0] }, { k: 2 }); // a new customer who bought p1
    expect(list.items.map((i) => i.itemId)).toEqual(['p2', 'p3']);
    expect(list.items[0].score).toBeCloseTo(2 / Math.sqrt(6), 6); // similarities are stored as float32;
    expect(list.items[1].score).toBeCloseTo(1 / 2, 6);
  });

  it('recommends ten unseen products with reasons and re-ranks them for a phone at lunch', {
    timeout: 180_000,
  }, async () => {
    const result = await run();
    expect(result.top).toHaveLength(10);
    for (let i = 1; i < 10; i++) expect(result.top[i].score).toBeLessThanOrEqual(result.top[i - 1].score);
    for (const item of result.top) expect(item.reasons[0]).toMatch(/^similar to "/);
    expect(result.lunchOnMobile.layout).toBe('compact');
    expect(result.lunchOnMobile.rulesApplied).toEqual(['lunchtime: small gifts']);
    expect(result.lunchOnMobile.items.indexOf(result.promoted)).toBeLessThan(9); // the rule moved it up from 10th
    const families = result.lunchOnMobile.items.map((id) => id.replace(/[A-Z]+$/, ''));
    expect(new Set(families).size).toBe(families.length); // the cap of one per product family holds
  });
});
