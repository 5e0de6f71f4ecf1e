import { cosineSimilarity, createRng, type Item } from '@shoppilot/core';
import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { ItemEncoder } from './item-encoder';
import { ItemGraph } from './item-graph';
import { principalComponents } from './projection';
import { personalizedPageRank, rp3betaScores, similarItems } from './random-walks';

const catalogue: Item[] = [
  {
    itemId: 'juice',
    title: 'Fresh orange juice 1L',
    categoryPath: ['Food', 'Drinks', 'Juice'],
    price: 3,
    brand: 'Sunny',
    attributes: { organic: true },
  },
  {
    itemId: 'juice2',
    title: 'Orange juice with pulp 1L',
    categoryPath: ['Food', 'Drinks', 'Juice'],
    price: 3.5,
    brand: 'Sunny',
    attributes: { organic: true },
  },
  {
    itemId: 'cola',
    title: 'Cola 330ml can',
    categoryPath: ['Food', 'Drinks', 'Soda'],
    price: 1,
    brand: 'Fizz',
  },
  {
    itemId: 'drill',
    title: 'Cordless drill 18V',
    categoryPath: ['Tools', 'Power'],
    price: 89,
    brand: 'Bolt',
    attributes: { volts: 18 },
  },
];

const dimensionOf = async (encoder: ItemEncoder, items: Item[]) => {
  const vectors = await encoder.encode(items);
  return Array.from({ length: items.length }, (_, k) =>
    vectors.subarray(k * encoder.dimension, (k + 1) * encoder.dimension),
  );
};

describeEstimator('ItemEncoder', {
  create: () => new ItemEncoder({ dimension: 16, priceBands: 3, imageProjection: 'pca', seed: 1 }),
  data: () => catalogue.map((item, k) => ({ ...item, imageVector: [k, 1, k * k, 2, 1] })),
  fit: (encoder, items) => encoder.fit(items),
  predict: (encoder, items) => encoder.encode(items),
  fromJSON: (json) => ItemEncoder.fromJSON(json),
});

describe('ItemEncoder', () => {
  it('gives unit vectors; same-category, same-brand items are closer than unrelated ones', async () => {
    for (const fusion of ['weighted-sum', 'concat'] as const) {
      const encoder = new ItemEncoder({ dimension: 32, fusion, seed: 3 }).fit(catalogue);
      const [juice, juice2, cola, drill] = await dimensionOf(encoder, catalogue);
      expect(cosineSimilarity(juice, juice)).toBeCloseTo(1, 6);
      expect(Math.hypot(...juice)).toBeCloseTo(1, 6);
      expect(cosineSimilarity(juice, juice2)).toBeGreaterThan(cosineSimilarity(juice, cola));
      expect(cosineSimilarity(juice, cola)).toBeGreaterThan(cosineSimilarity(juice, drill));
    }
  });

  it('modality weights: with only the category weighted, vectors depend on the category alone', async () => {
    const encoder = new ItemEncoder({
      dimension: 24,
      weights: { text: 0, image: 0, attributes: 0, brand: 0, price: 0, category: 1 },
    }).fit(catalogue);
    const [juice, juice2] = await dimensionOf(encoder, catalogue);
    expect(cosineSimilarity(juice, juice2)).toBeCloseTo(1, 6);
  });

  it('image vectors of any length: a random projection keeps cosines on average (Johnson–Lindenstrauss)', async () => {
    const rng = createRng(9);
    const items: Item[] = [];
    for (let p = 0; p < 20; p++) {
      const a = Array.from({ length: 300 }, () => rng.normal());
      const noise = 0.5 + p / 10;
      items.push({ itemId: `a${p}`, title: '', categoryPath: [], imageVector: a });
      items.push({
        itemId: `b${p}`,
        title: '',
        categoryPath: [],
        imageVector: a.map((v) => v + noise * rng.normal()),
      });
    }
    const encoder = new ItemEncoder({
      dimension: 256,
      weights: { text: 0, image: 1, category: 0, attributes: 0, brand: 0, price: 0 },
    });
    const vectors = await dimensionOf(encoder.fit(items), items);
    let error = 0;
    for (let p = 0; p < 20; p++) {
      const truth = cosineSimilarity(
        items[2 * p].imageVector as number[],
        items[2 * p + 1].imageVector as number[],
      );
      error += Math.abs(cosineSimilarity(vectors[2 * p], vectors[2 * p + 1]) - truth) / 20;
    }
    // Each projected cosine has a standard deviation of about (1 − ρ²)/√256 ≤ 0.0625.
    expect(error).toBeLessThan(0.06);
  });

  it('learned projection: principal components recover the axis of largest variance', () => {
    const rng = createRng(4);
    const rows = Array.from({ length: 400 }, () => {
      const t = rng.normal(0, 3);
      return Float32Array.from([t + rng.normal(0, 0.1), t + rng.normal(0, 0.1), rng.normal(0, 0.1)]);
    });
    const { components } = principalComponents(rows, 1, 1);
    expect(Math.abs(components[0])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(components[1])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(components[2])).toBeLessThan(0.02);
  });
});

describe('ItemGraph and random walks', () => {
  const events = [
    { userId: 'u', itemId: 'juice', type: 'view' as const, timestamp: 1 },
    { userId: 'u', itemId: 'cola', type: 'view' as const, timestamp: 2 },
    { userId: 'v', itemId: 'juice', type: 'buy' as const, timestamp: 1 },
    { userId: 'v', itemId: 'drill', type: 'buy' as const, timestamp: 2 },
  ];
  const graph = ItemGraph.build(catalogue, events, {
    categoryWeight: 2,
    attributeWeight: 1,
    brandWeight: 1,
    coViewWeight: 1,
    coBuyWeight: 3,
  });

  it('has item, category (every level), attribute and brand nodes with labelled edges', () => {
    expect(graph.neighbours('item:juice').map((n) => `${n.id}:${n.weight}:${n.relations.join('+')}`)).toEqual(
      [
        'item:drill:3:co-buy',
        'category:Food>Drinks>Juice:2:in-category',
        'attribute:organic=true:1:has-attribute',
        'brand:Sunny:1:has-brand',
        'item:cola:1:co-view',
      ],
    );
    expect(graph.neighbours('category:Food>Drinks', { kind: 'category' }).map((n) => n.id)).toEqual([
      'category:Food',
      'category:Food>Drinks>Juice',
      'category:Food>Drinks>Soda',
    ]);
  });

  it('RP3beta: two-step transition probabilities divided by degree^β (hand-computed)', () => {
    const scores = rp3betaScores(graph, 'item:juice2', { alpha: 1, beta: 0.5 });
    const degrees = graph.degrees();
    // juice2 → {Juice category (2), organic (1), Sunny (1)}: degree 4; each middle node links to juice and juice2.
    const viaCategory = (2 / 4) * (2 / degrees[graph.node('category:Food>Drinks>Juice') as number]);
    const viaOrganic = (1 / 4) * (1 / degrees[graph.node('attribute:organic=true') as number]);
    const viaBrand = (1 / 4) * (1 / degrees[graph.node('brand:Sunny') as number]);
    const juice = graph.node('item:juice') as number;
    expect(scores[juice]).toBeCloseTo((viaCategory + viaOrganic + viaBrand) / Math.sqrt(degrees[juice]), 12);
    expect(similarItems(graph, 'juice2', { k: 1 })[0].itemId).toBe('juice');
  });

  it('personalised PageRank solves r = αe + (1 − α)Pᵀr (checked against a direct linear solve)', () => {
    const alpha = 0.2;
    const rank = personalizedPageRank(graph, new Map([['item:cola', 1]]), {
      restart: alpha,
      iterations: 500,
      tolerance: 1e-14,
    });
    const n = graph.size;
    const degrees = graph.degrees();
    // Build (I − (1 − α)Pᵀ) r = α e densely and solve by Gaussian elimination.
    const m: number[][] = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n + 1 }, (_, j) => (i === j ? 1 : 0)),
    );
    for (let from = 0; from < n; from++)
      graph.forEachEdge(from, (to, w) => {
        m[to][from] -= ((1 - alpha) * w) / degrees[from];
      });
    m[graph.node('item:cola') as number][n] = alpha;
    for (let c = 0; c < n; c++)
      for (let r = 0; r < n; r++) {
        if (r === c) continue;
        const f = m[r][c] / m[c][c];
        for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
      }
    for (let i = 0; i < n; i++) expect(rank[i]).toBeCloseTo(m[i][n] / m[i][i], 10);
    expect(rank.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
});
