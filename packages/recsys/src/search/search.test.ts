import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { ExactIndex } from './exact-index';
import { HnswIndex } from './hnsw-index';
import { IvfIndex } from './ivf-index';
import { topK } from './top-k';

function clustered(n: number, d: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: 20 * d }, () => rng.normal());
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = rng.int(20);
    for (let k = 0; k < d; k++) out[i * d + k] = centres[c * d + k] + 0.6 * rng.normal();
  }
  return out;
}

function bruteForce(vectors: Float32Array, d: number, q: Float32Array, k: number, cosine: boolean): number[] {
  const n = vectors.length / d;
  const norm = (v: ArrayLike<number>, o: number) =>
    Math.sqrt(Array.from({ length: d }, (_, i) => v[o + i] ** 2).reduce((a, b) => a + b, 0));
  const qn = cosine ? norm(q, 0) : 1;
  const scores = Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += vectors[i * d + j] * q[j];
    return { i, s: cosine ? s / (norm(vectors, i * d) * qn) : s };
  });
  return scores
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, k)
    .map((x) => x.i);
}

describe('topK', () => {
  it('equals a full sort (ties to the smaller index), skipping excluded and NaN entries', () => {
    const scores = [3, 1, 3, 7, Number.NaN, 2, 7, 0];
    expect(Array.from(topK(scores, 4).indices)).toEqual([3, 6, 0, 2]);
    expect(Array.from(topK(scores, 3, (i) => i === 3).indices)).toEqual([6, 0, 2]);
    expect(Array.from(topK(scores, 20).indices)).toHaveLength(7);
  });
});

describe('ExactIndex', () => {
  it('returns the brute-force top 10 by dot product and by cosine (SIMD and scalar kernels)', () => {
    const d = 13;
    const vectors = clustered(700, d, 1);
    const rng = createRng(2);
    for (const [metric, simd] of [
      ['dot', true],
      ['cosine', true],
      ['dot', false],
      ['cosine', false],
    ] as const) {
      // blockSize 64 over 700 rows leaves a partial last block; d 13 pads the SIMD rows to 16.
      const index = new ExactIndex(vectors, d, { metric, blockSize: 64, simd });
      expect(index.simd).toBe(simd);
      for (let t = 0; t < 5; t++) {
        const q = Float32Array.from({ length: d }, () => rng.normal());
        expect(Array.from(index.search(q, 10).indices)).toEqual(
          bruteForce(vectors, d, q, 10, metric === 'cosine'),
        );
      }
    }
  });

  it('skips excluded rows (mask and predicate) and still returns the next best', () => {
    const d = 13;
    const vectors = clustered(700, d, 6);
    const q = Float32Array.from({ length: d }, (_, j) => vectors[5 * d + j]);
    const truth = bruteForce(vectors, d, q, 13, false);
    const mask = new Uint8Array(700);
    for (const i of truth.slice(0, 3)) mask[i] = 1;
    for (const simd of [true, false]) {
      const index = new ExactIndex(vectors, d, { blockSize: 64, simd });
      expect(Array.from(index.search(q, 10, { exclude: mask }).indices)).toEqual(truth.slice(3));
      expect(Array.from(index.search(q, 10, { exclude: (i) => mask[i] === 1 }).indices)).toEqual(
        truth.slice(3),
      );
    }
  });
});

describe('HnswIndex', () => {
  it.each([true, false])(
    'reaches recall@10 >= 0.95 against exact search on clustered vectors (ef 100, simd %s)',
    async (simd) => {
      const d = 16;
      const vectors = clustered(3000, d, 3);
      const exact = new ExactIndex(vectors, d, { metric: 'cosine' });
      const hnsw = await HnswIndex.build(vectors, d, { m: 12, efConstruction: 100, seed: 1, simd });
      expect(hnsw.simd).toBe(simd);
      const rng = createRng(4);
      let recall = 0;
      const queries = 50;
      for (let t = 0; t < queries; t++) {
        const q = Float32Array.from(
          { length: d },
          (_, j) => vectors[rng.int(3000) * d + j] + 0.3 * rng.normal(),
        );
        const truth = new Set(exact.search(q, 10).indices);
        recall += Array.from(hnsw.search(q, 10, { ef: 100 }).indices).filter((i) => truth.has(i)).length / 10;
      }
      expect(recall / queries).toBeGreaterThanOrEqual(0.95);
    },
  );

  it('respects exclusions and is deterministic for a seed', async () => {
    const d = 8;
    const vectors = clustered(400, d, 5);
    const a = await HnswIndex.build(vectors, d, { seed: 7 });
    const b = await HnswIndex.build(vectors, d, { seed: 7 });
    const q = vectors.subarray(0, d);
    const first = a.search(q, 5);
    expect(Array.from(first.indices)).toEqual(Array.from(b.search(q, 5).indices));
    expect(first.indices[0]).toBe(0);
    expect(Array.from(a.search(q, 5, { exclude: (i) => i === 0 }).indices)).not.toContain(0);
  });
});

describe('k, the same rule for every index', () => {
  it('k = 0 gives an empty result; a negative or fractional k is an InvalidArgumentError naming k', async () => {
    const d = 8;
    const vectors = clustered(120, d, 4);
    const q = vectors.subarray(0, d);
    const indexes = [
      new ExactIndex(vectors, d),
      await HnswIndex.build(vectors, d, { m: 4, efConstruction: 20 }),
      await IvfIndex.build(vectors, d, { lists: 6 }),
    ];
    for (const index of indexes) {
      expect(index.search(q, 0).indices).toHaveLength(0);
      expect(index.search(q, 500).indices).toHaveLength(120);
      for (const bad of [-1, 2.5, Number.NaN]) {
        expect(() => index.search(q, bad)).toThrow(expect.objectContaining({ argument: 'k' }));
      }
    }
  });
});
