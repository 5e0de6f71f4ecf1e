import { describe, expect, it } from 'vitest';
import { createRng, xoshiro128ss } from './rng';

describe('xoshiro128**', () => {
  it('matches the reference implementation for state [1, 2, 3, 4]', () => {
    // Reference outputs: the C reference code of Blackman & Vigna (prng.di.unimi.it/xoshiro128starstar.c)
    // compiled with gcc and run from state {1, 2, 3, 4}.
    const state = new Uint32Array([1, 2, 3, 4]);
    expect(xoshiro128ss(state)).toBe(11520);
    expect(xoshiro128ss(state)).toBe(0);
    expect(xoshiro128ss(state)).toBe(5927040);
    expect(xoshiro128ss(state)).toBe(70819200);
    expect(xoshiro128ss(state)).toBe(2031721883);
  });
});

describe('createRng', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    const sb = Array.from({ length: 5 }, () => b.next());
    const sc = Array.from({ length: 5 }, () => c.next());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('draws normal, gamma, beta and poisson with the right first two moments', () => {
    const rng = createRng(7);
    const n = 200_000;
    const moments = (draw: () => number) => {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = draw();
        s += x;
        s2 += x * x;
      }
      const mean = s / n;
      return { mean, variance: s2 / n - mean * mean };
    };
    const normal = moments(() => rng.normal(3, 2));
    expect(normal.mean).toBeCloseTo(3, 1);
    expect(normal.variance).toBeCloseTo(4, 1);
    const gamma = moments(() => rng.gamma(2.5, 2)); // mean k*theta = 5, var k*theta^2 = 10
    expect(gamma.mean).toBeCloseTo(5, 1);
    expect(gamma.variance / 10).toBeCloseTo(1, 1);
    const smallGamma = moments(() => rng.gamma(0.5)); // mean 0.5, var 0.5
    expect(smallGamma.mean).toBeCloseTo(0.5, 1);
    const beta = moments(() => rng.beta(2, 5)); // mean 2/7, var ab/((a+b)^2 (a+b+1)) = 10/392
    expect(beta.mean).toBeCloseTo(2 / 7, 2);
    expect(beta.variance).toBeCloseTo(10 / 392, 3);
    for (const lambda of [3, 80]) {
      const p = moments(() => rng.poisson(lambda));
      expect(p.mean / lambda).toBeCloseTo(1, 1);
      expect(p.variance / lambda).toBeCloseTo(1, 1);
    }
  });

  it('shuffles into a permutation and weighted-samples in proportion', () => {
    const rng = createRng(1);
    const arr = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle([...arr]);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(arr);
    expect(shuffled).not.toEqual(arr);
    const counts = [0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.weightedIndex([1, 2, 3])]++;
    expect(counts[0] / 60_000).toBeCloseTo(1 / 6, 2);
    expect(counts[2] / 60_000).toBeCloseTo(1 / 2, 2);
  });

  it('rejects bad arguments with typed errors', () => {
    const rng = createRng(1);
    expect(() => createRng(Number.NaN)).toThrow(/seed/);
    expect(() => rng.int(0)).toThrow(/n/);
    expect(() => rng.weightedIndex([0, 0])).toThrow(/positive sum/);
    expect(() => rng.gamma(-1)).toThrow(/gamma/);
  });
});
