import { describe, expect, it } from 'vitest';
import { applyBusinessRules } from './business-rules';
import type { Candidate } from './candidate';
import { dppRerank } from './dpp';
import { mmrRerank } from './mmr';

const c = (
  itemId: string,
  score: number,
  vector: number[],
  category?: string,
  inStock?: boolean,
): Candidate => ({
  itemId,
  score,
  vector,
  category,
  inStock,
  reasons: [],
});

// a and a2 are near-duplicates; b is different and slightly less relevant; z is weak.
const list = [
  c('a', 1.0, [1, 0, 0], 'x'),
  c('a2', 0.95, [0.99, 0.14, 0], 'x'),
  c('b', 0.9, [0, 1, 0], 'y'),
  c('z', 0, [0, 0, 1], 'w'),
];

describe('MMR', () => {
  it('λ = 1 is the relevance order', () => {
    expect(mmrRerank(list, { k: 4, lambda: 1 }).map((x) => x.itemId)).toEqual(['a', 'a2', 'b', 'z']);
  });

  it('λ = 0.5 skips the near-duplicate (hand-computed marginal relevance)', () => {
    // Relevance rescaled: a 1, a2 0.95, b 0.9, z 0. After a: a2 → 0.5·0.95 − 0.5·0.99 = −0.02; b → 0.45; z → 0.
    expect(mmrRerank(list, { k: 3, lambda: 0.5 }).map((x) => x.itemId)).toEqual(['a', 'b', 'z']);
  });
});

describe('DPP (fast greedy MAP)', () => {
  it('with θ near 1 follows relevance among orthogonal items; it never takes both near-duplicates first', () => {
    const orthogonal = [c('p', 3, [1, 0, 0]), c('q', 2, [0, 1, 0]), c('r', 1, [0, 0, 1])];
    expect(dppRerank(orthogonal, { k: 3, theta: 0.9 }).map((x) => x.itemId)).toEqual(['p', 'q', 'r']);
    expect(dppRerank(list, { k: 2, theta: 0.7 }).map((x) => x.itemId)).toEqual(['a', 'b']);
  });

  it('the first pick maximises the kernel diagonal q_i² (the most relevant item)', () => {
    const picked = dppRerank(list, { k: 2, theta: 0.5 });
    expect(picked[0].itemId).toBe('a');
  });
});

describe('business rules', () => {
  const candidates = [
    c('a', 5, [], 'shoes'),
    c('b', 4, [], 'shoes', false),
    c('c', 3, [], 'shoes'),
    c('d', 2, [], 'bags'),
    c('e', 1, [], 'bags'),
    c('f', 0, [], 'hats'),
  ];

  it('drops out-of-stock and already-bought items, caps categories, boosts and pins, and says why', () => {
    const outcome = applyBusinessRules(
      candidates,
      {
        alreadyBought: ['c'],
        categoryCaps: { default: 1 },
        boosts: { items: { f: 0.5 } },
        pins: [{ itemId: 'e', position: 1 }],
      },
      4,
    );
    // Range 5: f becomes 0 + 0.5·5 = 2.5 and passes d (2). Caps: one shoe (a), one bag (d), one hat (f).
    expect(outcome.items.map((x) => x.itemId)).toEqual(['e', 'a', 'f', 'd']);
    expect(outcome.items[0].reasons).toContain('pinned at position 1');
    expect(outcome.removed).toEqual([
      { itemId: 'b', reason: 'out of stock' },
      { itemId: 'c', reason: 'already bought' },
    ]);
  });

  it('per-category caps override the default', () => {
    const outcome = applyBusinessRules(
      candidates,
      { categoryCaps: { default: 1, perCategory: { shoes: 2 } } },
      10,
    );
    expect(outcome.items.map((x) => x.itemId)).toEqual(['a', 'c', 'd', 'f']);
    expect(outcome.removed.map((r) => r.reason)).toContain('category cap: at most 1 from "bags"');
  });
});
