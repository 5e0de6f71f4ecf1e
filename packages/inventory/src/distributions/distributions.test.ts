import { describe, expect, it } from 'vitest';
import { gammaDemand, normalDemand } from './continuous';
import { negativeBinomialDemand, poissonDemand } from './discrete';
import { empiricalDemand } from './empirical';
import { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma';
import { quantileDemand } from './quantile-demand';

// Reference values from scipy 1.17 (python3), commands in each comment.
describe('incomplete gamma', () => {
  // scipy.special.gammainc(a, x), gammaincc(a, x)
  it.each([
    [0.5, 0.2, 0.47291074313446196, 0.5270892568655381],
    [3, 2.5, 0.45618688411667035, 0.5438131158833297],
    [10, 14, 0.890600630357261, 0.10939936964273902],
    [100, 90, 0.15822098918643007, 0.84177901081357],
    [2500, 2600, 0.9761810019792594, 0.023818998020740657],
    [1.7, 30, 0.9999999999988606, 1.1394132223373403e-12],
  ])('P(%d, %d) and Q match scipy', (a, x, p, q) => {
    expect(Math.abs(regularizedGammaP(a, x) - p)).toBeLessThan(1e-12);
    expect(Math.abs(regularizedGammaQ(a, x) - q) / q).toBeLessThan(1e-9);
  });
});

describe('demand distributions', () => {
  it('Poisson matches scipy.stats.poisson (cdf, ppf, loss by summing max(d - s, 0) pmf)', () => {
    const d = poissonDemand(12.5);
    expect(d.cdf(5)).toBeCloseTo(0.014822874597441575, 13);
    expect(d.cdf(12)).toBeCloseTo(0.5189752188790513, 13);
    expect(d.cdf(20.7)).toBeCloseTo(0.9826918824345405, 13);
    expect(d.quantile(0.95)).toBe(19);
    expect(d.loss(15)).toBeCloseTo(0.5275364634087488, 12);
    const big = poissonDemand(1000);
    expect(big.cdf(1050)).toBeCloseTo(0.9439711616363267, 12);
    expect(big.quantile(0.95)).toBe(1052);
    expect(big.loss(1040)).toBeCloseTo(1.58766667281077, 10);
  });

  it('negative binomial (mean 20, variance 60 -> r = 10, p = 1/3) matches scipy.stats.nbinom', () => {
    const d = negativeBinomialDemand(20, 60);
    expect(d.cdf(10)).toBeCloseTo(0.09189577448726233, 12);
    expect(d.cdf(20)).toBeCloseTo(0.5682556444214799, 12);
    expect(d.cdf(35)).toBeCloseTo(0.9630314535659292, 12);
    expect(d.quantile(0.9)).toBe(30);
    expect(d.loss(30)).toBeCloseTo(0.5315609483452437, 11);
    expect(d.sd).toBeCloseTo(Math.sqrt(60), 12);
  });

  it('gamma (mean 50, sd 20 -> shape 6.25, scale 8) matches scipy.stats.gamma', () => {
    const d = gammaDemand(50, 20);
    expect(d.cdf(60)).toBeCloseTo(0.7263575461605627, 12);
    expect(d.quantile(0.95)).toBeCloseTo(86.78321345556037, 8);
    expect(d.loss(70)).toBeCloseTo(2.220740438457045, 9);
    expect(d.loss(0)).toBeCloseTo(50, 12);
  });

  it('normal loss is sd * G(z) and the point mass handles sd = 0', () => {
    expect(normalDemand(100, 10).loss(110)).toBeCloseTo(10 * 0.08331547058768, 10);
    expect(normalDemand(100, 0).loss(90)).toBe(10);
    expect(normalDemand(100, 0).quantile(0.99)).toBe(100);
  });

  it('empirical distribution: inverse ECDF and exact sample loss', () => {
    const d = empiricalDemand([5, 1, 3, 2, 4]);
    expect(d.quantile(0.2)).toBe(1);
    expect(d.quantile(0.21)).toBe(2);
    expect(d.quantile(0.8)).toBe(4);
    expect(d.quantile(0.95)).toBe(5);
    expect(d.cdf(3.5)).toBe(0.6);
    // mean of (d - 2.5)^+ = (0.5 + 1.5 + 2.5) / 5
    expect(d.loss(2.5)).toBeCloseTo(0.9, 14);
    expect(d.loss(-1)).toBeCloseTo(4, 14);
  });

  it('quantile-defined distribution reproduces a normal from three of its quantiles', () => {
    const normal = normalDemand(100, 15);
    const levels = [0.1, 0.5, 0.9];
    const d = quantileDemand(
      levels,
      levels.map((p) => normal.quantile(p)),
    );
    expect(d.quantile(0.5)).toBeCloseTo(100, 10);
    expect(d.quantile(0.9)).toBeCloseTo(normal.quantile(0.9), 10);
    // The normal tails beyond 0.9 are exact for a normal input.
    expect(d.quantile(0.99)).toBeCloseTo(normal.quantile(0.99), 8);
    // Between levels the interpolation is linear, so the mean and the loss are close, not exact.
    expect(Math.abs(d.mean - 100)).toBeLessThan(0.05);
    expect(Math.abs(d.loss(120) - normal.loss(120))).toBeLessThan(0.15);
  });

  it('repairs crossing quantiles and rejects bad ones', () => {
    const d = quantileDemand([0.5, 0.9], [10, 8]);
    expect(d.quantile(0.9)).toBe(10);
    expect(() => quantileDemand([0.5, 1], [1, 2])).toThrow(/levels\[1\]/);
    expect(() => quantileDemand([0.5], [Number.NaN])).toThrow(/values\[0\]/);
  });
});
