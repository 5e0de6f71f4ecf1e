import { InvalidArgumentError } from '../errors/invalid-argument-error';

/**
 * A seeded pseudo-random number generator: xoshiro128** (Blackman & Vigna 2018), state seeded
 * by splitmix32 from a 32-bit seed. Fast, 2^128 - 1 period, and reproducible across platforms
 * because it uses only 32-bit integer arithmetic.
 */
export interface Rng {
  /** The seed it was created with. */
  readonly seed: number;
  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform float in [low, high). */
  uniform(low?: number, high?: number): number;
  /** Standard normal N(0, 1) (Marsaglia polar method), scaled to N(mean, sd^2). */
  normal(mean?: number, sd?: number): number;
  /** Gamma(shape, scale) (Marsaglia & Tsang 2000). */
  gamma(shape: number, scale?: number): number;
  /** Beta(a, b) through two gamma draws. */
  beta(a: number, b: number): number;
  /** Poisson(lambda): Knuth's method for small lambda, transformed rejection (PTRS, Hörmann 1993) otherwise. */
  poisson(lambda: number): number;
  /** In-place Fisher-Yates shuffle; returns the same array. */
  shuffle<T>(array: T[]): T[];
  /** A uniformly chosen element. */
  choice<T>(array: readonly T[]): T;
  /** An index drawn with probability proportional to `weights`. */
  weightedIndex(weights: ArrayLike<number>): number;
  /** A new generator whose stream is derived from this one (for parallel or nested work). */
  fork(): Rng;
}

/** Creates a seeded generator. The same seed always gives the same stream. */
export function createRng(seed = 0): Rng {
  if (!Number.isFinite(seed)) {
    throw new InvalidArgumentError({ argument: 'seed', message: 'must be a finite number', value: seed });
  }
  const state = seedState(seed);
  return makeRng(seed, state);
}

function seedState(seed: number): Uint32Array {
  let s = (Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32)) >>> 0;
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    state[i] = (z ^ (z >>> 16)) >>> 0;
  }
  if (state[0] === 0 && state[1] === 0 && state[2] === 0 && state[3] === 0) state[0] = 1;
  return state;
}

/** Raw xoshiro128** step on a 4-word state; exported for known-answer tests. */
export function xoshiro128ss(state: Uint32Array): number {
  const result = Math.imul(rotl(Math.imul(state[1], 5) >>> 0, 7), 9) >>> 0;
  const t = (state[1] << 9) >>> 0;
  state[2] ^= state[0];
  state[3] ^= state[1];
  state[1] ^= state[2];
  state[0] ^= state[3];
  state[2] ^= t;
  state[3] = rotl(state[3], 11);
  return result;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function makeRng(seed: number, state: Uint32Array): Rng {
  let spareNormal: number | undefined;
  const nextUint32 = () => xoshiro128ss(state);
  const next = () => nextUint32() / 4294967296;

  const standardNormal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    spareNormal = v * factor;
    return u * factor;
  };

  const gamma = (shape: number, scale = 1): number => {
    if (!(shape > 0) || !(scale > 0)) {
      throw new InvalidArgumentError({
        argument: 'shape',
        message: 'gamma shape and scale must be > 0',
        value: shape,
      });
    }
    if (shape < 1) {
      // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a)
      return gamma(shape + 1, scale) * next() ** (1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = standardNormal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  };

  const int = (n: number): number => {
    if (!(n >= 1) || !Number.isFinite(n)) {
      throw new InvalidArgumentError({ argument: 'n', message: 'must be a finite number >= 1', value: n });
    }
    return Math.floor(next() * Math.floor(n));
  };

  const rng: Rng = {
    seed,
    nextUint32,
    next,
    int,
    uniform: (low = 0, high = 1) => low + (high - low) * next(),
    normal: (mean = 0, sd = 1) => mean + sd * standardNormal(),
    gamma,
    beta: (a, b) => {
      const x = gamma(a);
      const y = gamma(b);
      return x / (x + y);
    },
    poisson: (lambda) => poisson(lambda, next),
    shuffle: (array) => {
      for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = array[i];
        array[i] = array[j];
        array[j] = tmp;
      }
      return array;
    },
    choice: (array) => {
      if (array.length === 0)
        throw new InvalidArgumentError({ argument: 'array', message: 'cannot choose from an empty array' });
      return array[int(array.length)];
    },
    weightedIndex: (weights) => weightedIndex(weights, next()),
    fork: () => makeRng(seed, seedState(nextUint32() * 4294967296 + nextUint32())),
  };
  return rng;
}

function weightedIndex(weights: ArrayLike<number>, u: number): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0))
      throw new InvalidArgumentError({ argument: `weights[${i}]`, message: 'must be >= 0', value: w });
    total += w;
  }
  if (!(total > 0))
    throw new InvalidArgumentError({ argument: 'weights', message: 'must have a positive sum' });
  let target = u * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i];
    if (target < 0) return i;
  }
  return weights.length - 1;
}

function poisson(lambda: number, next: () => number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new InvalidArgumentError({
      argument: 'lambda',
      message: 'must be a finite number >= 0',
      value: lambda,
    });
  }
  if (lambda === 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = next();
    while (p > limit) {
      k++;
      p *= next();
    }
    return k;
  }
  // PTRS: transformed rejection with squeeze (Hörmann 1993).
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = next() - 0.5;
    const v = next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -lambda + k * loglam - logFactorial(k)
    ) {
      return k;
    }
  }
}

function logFactorial(k: number): number {
  if (k < 2) return 0;
  // Stirling series; exact enough for k >= 2 in the rejection test.
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
}
