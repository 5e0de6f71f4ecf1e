import { describe, expect, it } from 'vitest';
import type { SparseRows } from '../../data/histories';
import { cooccurrenceEmbedding } from './cooccurrence-init';

function rows(lists: number[][], columns: number): SparseRows {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((list, u) => {
    offsets[u + 1] = offsets[u] + list.length;
  });
  const flat = lists.flat();
  return {
    rows: lists.length,
    columns,
    offsets,
    indices: Int32Array.from(flat),
    times: Float64Array.from(flat, (_, k) => k),
    values: Float64Array.from(flat, () => 1),
  };
}

const dot = (t: Float32Array, dim: number, a: number, b: number) => {
  let s = 0;
  for (let d = 0; d < dim; d++) s += t[(a + 1) * dim + d] * t[(b + 1) * dim + d];
  return s;
};

describe('cooccurrenceEmbedding', () => {
  it('factorises the PPMI matrix: two disjoint item groups give orthogonal blocks, and an unseen item a random row', () => {
    // Items 0-2 only ever appear together, items 3-5 only together; item 6 appears alone.
    // PPMI is then block-diagonal with two equal blocks (every off-diagonal pair in a block has the
    // same count), so a rank-2 factorisation reproduces it: dot products > 0 inside a block, 0 across.
    const data = rows([[0, 1, 2], [2, 1, 0], [3, 4, 5], [5, 4, 3], [6]], 7);
    const dim = 2;
    const table = cooccurrenceEmbedding(data, 7, dim, { window: 3, seed: 1 });
    expect(Array.from(table.subarray(0, dim))).toEqual([0, 0]); // padding row
    const inside = dot(table, dim, 0, 1);
    expect(inside).toBeGreaterThan(0.1);
    expect(dot(table, dim, 0, 2)).toBeCloseTo(inside, 4);
    expect(dot(table, dim, 4, 5)).toBeCloseTo(inside, 4);
    for (const a of [0, 1, 2])
      for (const b of [3, 4, 5]) expect(Math.abs(dot(table, dim, a, b))).toBeLessThan(1e-4);
    // Rows of seen items are rescaled to mean square 1/dim per entry (the random-init scale).
    let squares = 0;
    for (let i = 0; i < 6; i++) squares += dot(table, dim, i, i);
    expect(squares / 6).toBeCloseTo(1, 5);
    // The never-co-occurring item keeps a non-zero (random) row.
    expect(dot(table, dim, 6, 6)).toBeGreaterThan(0);
  });
});
