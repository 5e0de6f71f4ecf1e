import { createRng, DimensionMismatchError, InvalidArgumentError, isAbortError } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { calibrateRecall, defaultCalibrationGrid } from './calibrate-recall';
import { ExactIndex } from './exact-index';
import { HnswIndex } from './hnsw-index';
import { IvfIndex } from './ivf-index';
import type { TopK } from './top-k';

const D = 16;
const N = 2000;

/** N rows around 20 seeded N(0, 1) centres with N(0, 0.8²) noise. */
function clustered(seed: number): Float32Array {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: 20 * D }, () => rng.normal());
  const out = new Float32Array(N * D);
  for (let i = 0; i < N; i++) {
    const c = rng.int(20);
    for (let k = 0; k < D; k++) out[i * D + k] = centres[c * D + k] + 0.8 * rng.normal();
  }
  return out;
}

/** `count` queries row-major: a random item plus N(0, 0.5²) noise. */
function queriesFrom(vectors: Float32Array, count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count * D }, (_, v) => {
    const row = rng.int(N);
    return vectors[row * D + (v % D)] + 0.5 * rng.normal();
  });
}

/** Recall@10 computed independently of the library: hits / (10 · queries). */
function recall10(queries: Float32Array, exact: ExactIndex, search: (q: Float32Array) => TopK): number {
  let hits = 0;
  const count = queries.length / D;
  for (let r = 0; r < count; r++) {
    const q = queries.subarray(r * D, (r + 1) * D);
    const truth = new Set(exact.search(q, 10).indices);
    for (const i of search(q).indices) if (truth.has(i)) hits++;
  }
  return hits / (10 * count);
}

const vectors = clustered(5);
const queries = queriesFrom(vectors, 60, 7);
const exact = new ExactIndex(vectors, D, { metric: 'dot' });
const ivfPromise = IvfIndex.build(vectors, D, { metric: 'dot', lists: 32, seed: 1 });
const hnswPromise = HnswIndex.build(vectors, D, { metric: 'dot', m: 4, efConstruction: 20, seed: 1 });

describe('calibrateRecall', () => {
  it('IVF target 1: the smallest grid nprobe with recall 1 (independently re-measured), all smaller below 1', async () => {
    const ivf = await ivfPromise;
    const result = await calibrateRecall(ivf, queries, { exact, k: 10, targetRecall: 1 });
    expect(result.parameter).toBe('nprobe');
    expect(result.reached).toBe(true);
    expect(result.recall).toBe(1);
    expect(recall10(queries, exact, (q) => ivf.search(q, 10, { nprobe: result.setting }))).toBe(
      result.recall,
    );
    const grid = defaultCalibrationGrid(ivf, 10);
    expect(grid[grid.length - 1]).toBe(ivf.lists);
    for (const smaller of grid.filter((s) => s < result.setting)) {
      expect(recall10(queries, exact, (q) => ivf.search(q, 10, { nprobe: smaller }))).toBeLessThan(1);
    }
    // The sweep stopped at the answer and its points are the independently measured recalls.
    expect(result.sweep.map((p) => p.setting)).toEqual(grid.filter((s) => s <= result.setting));
    for (const p of result.sweep)
      expect(p.recall).toBe(recall10(queries, exact, (q) => ivf.search(q, 10, { nprobe: p.setting })));
  });

  it('a reachable target: the setting reaches it and the previous grid setting does not', async () => {
    const ivf = await ivfPromise;
    const result = await calibrateRecall(ivf, queries, { exact, k: 10, targetRecall: 0.9 });
    expect(result.reached).toBe(true);
    expect(result.recall).toBeGreaterThanOrEqual(0.9);
    const at = result.sweep.findIndex((p) => p.setting === result.setting);
    expect(at).toBe(result.sweep.length - 1);
    expect(at).toBeGreaterThan(0);
    const previous = result.sweep[at - 1].setting;
    expect(recall10(queries, exact, (q) => ivf.search(q, 10, { nprobe: previous }))).toBeLessThan(0.9);
  });

  it('row-major queries and an array of vectors give the same calibration; exhaustive measures the whole grid', async () => {
    const ivf = await ivfPromise;
    const rows = Array.from({ length: 60 }, (_, r) => Array.from(queries.subarray(r * D, (r + 1) * D)));
    const options = { exact, k: 10, targetRecall: 0.9, settings: [8, 2, 4, 16, 4] };
    const a = await calibrateRecall(ivf, queries, { ...options, exhaustive: true });
    const b = await calibrateRecall(ivf, rows, { ...options, exhaustive: true });
    expect(b).toEqual(a);
    expect(a.sweep.map((p) => p.setting)).toEqual([2, 4, 8, 16]);
    expect(a.setting).toBe(a.sweep.find((p) => p.recall >= 0.9)?.setting);
  });

  it('HNSW target 1 on a tiny grid: reached false, the best measured setting reported', async () => {
    const hnsw = await hnswPromise;
    const result = await calibrateRecall(hnsw, queries, {
      exact,
      k: 10,
      targetRecall: 1,
      settings: [10, 11],
    });
    expect(result.parameter).toBe('ef');
    expect(result.reached).toBe(false);
    expect(result.sweep).toHaveLength(2);
    const best = Math.max(...result.sweep.map((p) => p.recall));
    expect(best).toBeLessThan(1);
    expect(result.recall).toBe(best);
    expect(recall10(queries, exact, (q) => hnsw.search(q, 10, { ef: result.setting }))).toBe(best);
  });

  it('default grids: ascending; IVF ends at the number of lists, HNSW starts at k and stops at 1024', async () => {
    const ivf = await ivfPromise;
    expect(defaultCalibrationGrid(ivf, 10)).toEqual([1, 2, 3, 4, 6, 8, 12, 16, 24, 32]);
    const grid = defaultCalibrationGrid(await hnswPromise, 10);
    expect(grid[0]).toBe(10);
    expect(grid[grid.length - 1]).toBe(1024);
    for (let i = 1; i < grid.length; i++) expect(grid[i]).toBeGreaterThan(grid[i - 1]);
  });

  it('typed errors name the argument', async () => {
    const ivf = await ivfPromise;
    const base = { exact, k: 10, targetRecall: 0.9 };
    const argumentOf = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e) => (e instanceof InvalidArgumentError ? e.argument : e),
      );
    expect(await argumentOf(calibrateRecall(ivf, new Float32Array(0), base))).toBe('queries');
    expect(await argumentOf(calibrateRecall(ivf, [], base))).toBe('queries');
    for (const targetRecall of [0, -0.1, 1.01, Number.NaN])
      expect(await argumentOf(calibrateRecall(ivf, queries, { ...base, targetRecall }))).toBe('targetRecall');
    expect(await argumentOf(calibrateRecall(ivf, queries, { ...base, settings: [4, 33] }))).toBe('settings');
    expect(await argumentOf(calibrateRecall(ivf, queries, { ...base, settings: [] }))).toBe('settings');
    expect(await argumentOf(calibrateRecall(ivf, queries, { ...base, k: -1 }))).toBe('k');
    const other = new ExactIndex(vectors.subarray(0, 100 * D), D, { metric: 'dot' });
    expect(await argumentOf(calibrateRecall(ivf, queries, { ...base, exact: other }))).toBe('exact');
    await expect(calibrateRecall(ivf, queries.subarray(0, D + 3), base)).rejects.toBeInstanceOf(
      DimensionMismatchError,
    );
    await expect(calibrateRecall(ivf, [new Float32Array(D), new Float32Array(D - 1)], base)).rejects.toThrow(
      /query 1/,
    );
  });

  it('aborts before starting and mid-sweep; reports progress', async () => {
    const ivf = await ivfPromise;
    const base = { exact, k: 10, targetRecall: 1 };
    const before = new AbortController();
    before.abort();
    const early = await calibrateRecall(ivf, queries, { ...base, signal: before.signal }).catch((e) => e);
    expect(isAbortError(early)).toBe(true);
    const controller = new AbortController();
    const stages: string[] = [];
    const onProgress = (event: { stage: string; completed: number }) => {
      stages.push(`${event.stage} ${event.completed}`);
      if (event.stage === 'calibrate-recall' && event.completed === 2) controller.abort();
    };
    const mid = await calibrateRecall(ivf, queries, { ...base, signal: controller.signal, onProgress }).catch(
      (e) => e,
    );
    expect(isAbortError(mid)).toBe(true);
    expect(stages).toEqual(['calibrate-exact 60', 'calibrate-recall 1', 'calibrate-recall 2']);
  });
});
