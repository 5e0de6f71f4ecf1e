import {
  createRng,
  DimensionMismatchError,
  InvalidArgumentError,
  InvalidModelJsonError,
} from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { ExactIndex } from './exact-index';
import { IvfIndex } from './ivf-index';
import { assignToCentroids, trainCentroids } from './ivf-kmeans';

/** n rows of dimension d around `clusters` random N(0, 1) centres with N(0, spread²) noise. */
function clustered(n: number, d: number, clusters: number, spread: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const centres = Float32Array.from({ length: clusters * d }, () => rng.normal());
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = rng.int(clusters);
    for (let k = 0; k < d; k++) out[i * d + k] = centres[c * d + k] + spread * rng.normal();
  }
  return out;
}

function queriesFrom(vectors: Float32Array, d: number, count: number, seed: number): Float32Array[] {
  const rng = createRng(seed);
  const n = vectors.length / d;
  return Array.from({ length: count }, () =>
    Float32Array.from({ length: d }, (_, j) => vectors[rng.int(n) * d + j] + 0.3 * rng.normal()),
  );
}

function recallAt10(index: IvfIndex, exact: ExactIndex, queries: Float32Array[], nprobe: number): number {
  let hits = 0;
  for (const q of queries) {
    const truth = new Set(exact.search(q, 10).indices);
    hits += Array.from(index.search(q, 10, { nprobe }).indices).filter((i) => truth.has(i)).length;
  }
  return hits / (10 * queries.length);
}

describe('IVF k-means', () => {
  it('splits two well-separated groups exactly, centroids at the group means (closed form)', async () => {
    const d = 3;
    const rng = createRng(11);
    const vectors = new Float32Array(200 * d);
    for (let i = 0; i < 200; i++) {
      vectors[i * d] = (i < 100 ? -10 : 10) + rng.normal();
      for (let k = 1; k < d; k++) vectors[i * d + k] = rng.normal();
    }
    for (const simd of [true, false]) {
      const centroids = await trainCentroids(vectors, d, {
        lists: 2,
        iterations: 10,
        trainingSize: 200,
        seed: 3,
        simd,
      });
      const assignment = assignToCentroids(vectors, d, centroids, simd);
      for (let i = 0; i < 200; i++) expect(assignment[i]).toBe(assignment[i < 100 ? 0 : 199]);
      expect(assignment[0]).not.toBe(assignment[199]);
      for (const [from, cell] of [
        [0, assignment[0]],
        [100, assignment[199]],
      ]) {
        for (let k = 0; k < d; k++) {
          let mean = 0;
          for (let i = from; i < from + 100; i++) mean += vectors[i * d + k] / 100;
          expect(centroids[cell * d + k]).toBeCloseTo(mean, 4);
        }
      }
    }
  });
});

describe('IvfIndex', () => {
  it('with nprobe = lists returns exactly the ExactIndex top-k (dot and cosine, SIMD and scalar, exclusions)', async () => {
    const d = 13;
    const vectors = clustered(900, d, 12, 0.6, 1);
    const queries = queriesFrom(vectors, d, 8, 2);
    const mask = new Uint8Array(900);
    for (let i = 0; i < 900; i += 7) mask[i] = 1;
    for (const metric of ['dot', 'cosine'] as const) {
      for (const simd of [true, false]) {
        const exact = new ExactIndex(vectors, d, { metric, simd });
        const ivf = await IvfIndex.build(vectors, d, { metric, lists: 30, seed: 1, simd });
        expect(ivf.simd).toBe(simd);
        for (const q of queries) {
          const want = exact.search(q, 10);
          const got = ivf.search(q, 10, { nprobe: 30 });
          expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
          expect(Array.from(got.scores)).toEqual(Array.from(want.scores));
          const wantMasked = exact.search(q, 10, { exclude: mask }).indices;
          expect(Array.from(ivf.search(q, 10, { nprobe: 30, exclude: mask }).indices)).toEqual(
            Array.from(wantMasked),
          );
        }
      }
    }
  });

  it('reaches recall@10 >= 0.9 at nprobe 8 of 60 lists (0.945 measured), and recall never falls as nprobe grows', async () => {
    const d = 16;
    const vectors = clustered(4000, d, 40, 0.5, 3);
    const exact = new ExactIndex(vectors, d, { metric: 'cosine' });
    const ivf = await IvfIndex.build(vectors, d, { lists: 60, seed: 2 });
    const queries = queriesFrom(vectors, d, 60, 4);
    // Scanning more lists is a superset of rows, so a true top-10 item once found stays found.
    const recalls = [1, 2, 4, 8, 60].map((nprobe) => recallAt10(ivf, exact, queries, nprobe));
    for (let r = 1; r < recalls.length; r++) expect(recalls[r]).toBeGreaterThanOrEqual(recalls[r - 1]);
    expect(recalls[3]).toBeGreaterThanOrEqual(0.9);
    expect(recalls[4]).toBe(1);
  });

  it('is deterministic for a seed: same seed, same lists; another seed, other centroids', async () => {
    const d = 8;
    const vectors = clustered(600, d, 10, 0.5, 5);
    const a = await IvfIndex.build(vectors, d, { lists: 20, seed: 7 });
    const b = await IvfIndex.build(vectors, d, { lists: 20, seed: 7 });
    const c = await IvfIndex.build(vectors, d, { lists: 20, seed: 8 });
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(c.toJSON().state?.centroids).not.toEqual(a.toJSON().state?.centroids);
    expect(Array.from(a.listSizes()).reduce((s, x) => s + x, 0)).toBe(600);
  });

  it('round-trips through JSON text with identical results and rejects a damaged file', async () => {
    const d = 8;
    const vectors = clustered(600, d, 10, 0.5, 6);
    const ivf = await IvfIndex.build(vectors, d, { metric: 'dot', lists: 24, nprobe: 3, seed: 1 });
    const text = JSON.stringify(ivf.toJSON());
    const loaded = IvfIndex.fromJSON(text, vectors);
    expect(loaded.nprobe).toBe(3);
    for (const q of queriesFrom(vectors, d, 10, 7)) {
      expect(loaded.search(q, 10)).toEqual(ivf.search(q, 10));
    }
    expect(() => IvfIndex.fromJSON(text, vectors.subarray(0, 599 * d))).toThrow(DimensionMismatchError);
    const damaged = JSON.parse(text);
    damaged.state.assignment[5] = 24;
    expect(() => IvfIndex.fromJSON(damaged, vectors)).toThrow(/state\.assignment/);
    expect(() => IvfIndex.fromJSON({ ...damaged, kind: 'recsys.hnsw' }, vectors)).toThrow(
      InvalidModelJsonError,
    );
  });

  it('throws typed errors naming the bad argument', async () => {
    const d = 4;
    const vectors = clustered(50, d, 3, 0.5, 8);
    const ivf = await IvfIndex.build(vectors, d, { lists: 5 });
    const q = vectors.subarray(0, d);
    const argumentOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        return (error as InvalidArgumentError).argument;
      }
      return 'no error';
    };
    expect(argumentOf(() => ivf.search(q, -1))).toBe('k');
    expect(argumentOf(() => ivf.search(q, 2.5))).toBe('k');
    expect(argumentOf(() => ivf.search(q, 3, { nprobe: 0 }))).toBe('nprobe');
    expect(argumentOf(() => ivf.search(q, 3, { nprobe: 6 }))).toBe('nprobe');
    expect(() => ivf.search(new Float32Array(5), 3)).toThrow(DimensionMismatchError);
    await expect(IvfIndex.build(vectors, d, { lists: 51 })).rejects.toMatchObject({ argument: 'lists' });
    await expect(IvfIndex.build(vectors, d, { lists: 5, nprobe: 6 })).rejects.toMatchObject({
      argument: 'nprobe',
    });
    await expect(IvfIndex.build(vectors.subarray(0, 7), d)).rejects.toThrow(DimensionMismatchError);
  });

  it('reports progress per k-means iteration and stops on abort', async () => {
    const d = 4;
    const vectors = clustered(300, d, 5, 0.5, 9);
    const stages: string[] = [];
    await IvfIndex.build(
      vectors,
      d,
      { lists: 6, iterations: 3 },
      { onProgress: (p) => stages.push(p.stage) },
    );
    expect(stages).toEqual(['ivf-kmeans', 'ivf-kmeans', 'ivf-kmeans', 'ivf-assign']);
    const controller = new AbortController();
    controller.abort();
    await expect(IvfIndex.build(vectors, d, { lists: 6 }, { signal: controller.signal })).rejects.toThrow();
  });
});
