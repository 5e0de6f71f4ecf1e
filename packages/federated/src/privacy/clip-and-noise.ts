import { randomFillSync } from 'node:crypto';
import { InvalidArgumentError } from '@shoppilot/core';
import { l2Norm } from '../vector/vector-ops';

/** The result of clipping: the clipped vector, the norm before, and whether it was scaled down. */
export interface ClipResult {
  values: Float64Array;
  norm: number;
  clipped: boolean;
}

/** Scales `values` down to L2 norm `clipNorm` when it is larger (Abadi et al. 2016; McMahan et al. 2018). */
export function clipToNorm(values: ArrayLike<number>, clipNorm: number): ClipResult {
  if (!(clipNorm > 0) || !Number.isFinite(clipNorm)) {
    throw new InvalidArgumentError({
      argument: 'clipNorm',
      message: 'must be a finite number > 0',
      value: clipNorm,
    });
  }
  const norm = l2Norm(values);
  const factor = norm > clipNorm ? clipNorm / norm : 1;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] * factor;
  return { values: out, norm, clipped: factor < 1 };
}

/** A source of normal draws: a seeded core `Rng` (tests) or `secureGaussian()` (deployments). */
export interface GaussianSource {
  normal(mean?: number, sd?: number): number;
}

/**
 * Normal draws from the operating system's CSPRNG (Box–Muller on 53-bit uniforms): privacy noise
 * must not be reproducible by anyone who could guess a 32-bit seed. (Floating-point Gaussian
 * sampling has known subtle leaks, Mironov 2012; this does not claim to defend against them.)
 */
export function secureGaussian(): GaussianSource {
  const words = new Uint32Array(4);
  const uniform = (a: number, b: number) => ((a >>> 5) * 67108864 + (b >>> 6) + 1) / 2 ** 53;
  return {
    normal(mean = 0, sd = 1) {
      randomFillSync(words);
      const radius = Math.sqrt(-2 * Math.log(uniform(words[0], words[1])));
      return mean + sd * radius * Math.cos(2 * Math.PI * uniform(words[2], words[3]));
    },
  };
}

/** Adds N(0, sd²) to every value in place, and returns the same array. */
export function addGaussianNoise(values: Float64Array, sd: number, rng: GaussianSource): Float64Array {
  if (!(sd >= 0) || !Number.isFinite(sd)) {
    throw new InvalidArgumentError({ argument: 'sd', message: 'must be a finite number >= 0', value: sd });
  }
  if (sd === 0) return values;
  for (let i = 0; i < values.length; i++) values[i] += rng.normal(0, sd);
  return values;
}

/**
 * Distributed Gaussian noise: each of at least `minContributors` clients adds N(0, (σC)² / m), so
 * the sum over any m >= minContributors contributors carries noise of variance >= (σC)². The
 * returned standard deviation is what one client adds.
 */
export function distributedNoiseSd(
  noiseMultiplier: number,
  clipNorm: number,
  minContributors: number,
): number {
  if (!(noiseMultiplier >= 0)) {
    throw new InvalidArgumentError({
      argument: 'noiseMultiplier',
      message: 'must be >= 0',
      value: noiseMultiplier,
    });
  }
  if (!(minContributors >= 1) || !Number.isInteger(minContributors)) {
    throw new InvalidArgumentError({
      argument: 'minContributors',
      message: 'must be an integer >= 1',
      value: minContributors,
    });
  }
  return (noiseMultiplier * clipNorm) / Math.sqrt(minContributors);
}
