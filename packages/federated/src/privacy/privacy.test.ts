import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { l2Norm } from '../vector/vector-ops';
import { addGaussianNoise, clipToNorm, distributedNoiseSd } from './clip-and-noise';
import { gaussianPrivacyBudget, rdpToEpsilon } from './rdp-accountant';

describe('clipping and noise', () => {
  it('clips to the norm and leaves short vectors alone', () => {
    const long = clipToNorm([3, 4], 1);
    expect(long.norm).toBe(5);
    expect(long.clipped).toBe(true);
    expect(l2Norm(long.values)).toBeCloseTo(1, 12);
    expect(Array.from(long.values)).toEqual([0.6000000000000001, 0.8]);
    expect(clipToNorm([0.3, 0.4], 1).clipped).toBe(false);
  });

  it('distributed noise: m shares of sd σC/√m sum to variance (σC)²', () => {
    const sd = distributedNoiseSd(1.5, 2, 4);
    expect(sd).toBeCloseTo(1.5, 12);
    const rng = createRng(7);
    const n = 20000;
    const sums = new Float64Array(n);
    for (let k = 0; k < 4; k++) {
      const share = addGaussianNoise(new Float64Array(n), sd, rng);
      for (let i = 0; i < n; i++) sums[i] += share[i];
    }
    const variance = sums.reduce((a, v) => a + v * v, 0) / n;
    expect(variance).toBeGreaterThan(9 * 0.95);
    expect(variance).toBeLessThan(9 * 1.05);
  });
});

describe('RDP accountant for the Gaussian mechanism', () => {
  it('classic conversion reaches the zCDP closed form ρ + 2√(ρ log(1/δ)), ρ = T/(2σ²)', () => {
    for (const [sigma, rounds, delta] of [
      [1, 1, 1e-5],
      [4, 50, 1e-6],
      [10, 1000, 1e-5],
    ]) {
      const rho = rounds / (2 * sigma * sigma);
      const closed = rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
      const budget = gaussianPrivacyBudget(sigma, rounds, delta, 'classic');
      expect(budget.epsilon).toBeCloseTo(closed, 6);
      // The optimal order of the classic bound is 1 + sqrt(log(1/δ)/ρ).
      expect(budget.order).toBeCloseTo(1 + Math.sqrt(Math.log(1 / delta) / rho), 3);
    }
  });

  it('the improved conversion is never worse, and ε grows with rounds and shrinks with σ', () => {
    const classic = gaussianPrivacyBudget(2, 20, 1e-5, 'classic').epsilon;
    const improved = gaussianPrivacyBudget(2, 20, 1e-5).epsilon;
    expect(improved).toBeLessThan(classic);
    expect(gaussianPrivacyBudget(2, 40, 1e-5).epsilon).toBeGreaterThan(improved);
    expect(gaussianPrivacyBudget(4, 20, 1e-5).epsilon).toBeLessThan(improved);
    // Direct evaluation of the improved formula at α = 10 (hand computation): RDP = 20·10/8 = 25.
    expect(rdpToEpsilon(25, 10, 1e-5)).toBeCloseTo(
      25 + Math.log(0.9) - (Math.log(1e-5) + Math.log(10)) / 9,
      12,
    );
  });

  it('validates its inputs', () => {
    expect(() => gaussianPrivacyBudget(0, 1, 1e-5)).toThrow(/noiseMultiplier/);
    expect(() => gaussianPrivacyBudget(1, 1, 2)).toThrow(/delta/);
    expect(gaussianPrivacyBudget(1, 0, 1e-5).epsilon).toBe(0);
  });
});
