import { describe, expect, it } from 'vitest';
import {
  inverseStandardNormalLoss,
  standardNormalCdf,
  standardNormalLoss,
  standardNormalQuantile,
  standardNormalSecondLoss,
  standardNormalSurvival,
} from './normal';

// Reference values from scipy 1.17 (python3):
//   from scipy.stats import norm
//   norm.cdf(z), norm.sf(z), G = norm.pdf(z) - z*norm.sf(z), G2 = 0.5*((z*z+1)*norm.sf(z) - z*norm.pdf(z))
const TABLE: Array<[number, number, number, number, number]> = [
  [-7, 1.279812543885835e-12, 0.9999999999987201, 7.000000000000176, 24.999999999999975],
  [-5.5, 1.898956246588768e-8, 0.9999999810104375, 5.500000003255007, 15.624999999456488],
  [-3, 0.0013498980316300933, 0.9986501019683699, 3.0003821543170477, 4.999898282459756],
  [-1.5, 0.06680720126885807, 0.9331927987311419, 1.5293067937626048, 1.6135764946875244],
  [0, 0.5, 0.5, 0.3989422804014327, 0.25],
  [0.3, 0.6179114221889526, 0.3820885778110474, 0.2667612421172099, 0.15103010258794222],
  [1.959963984540054, 0.975, 0.025, 0.00944597019153403, 0.0032431193127771957],
  [2.5, 0.9937903346742238, 0.006209665325776132, 0.00200413717912821, 0.0005996611889778035],
  [4.9, 0.9999995208167234, 4.791832765903185e-7, 9.096269060079118e-8, 1.6733046323221847e-8],
  [5.2, 0.9999999003557368, 9.96442631693347e-8, 1.7953365989220983e-8, 3.143380012692834e-9],
  [8, 0.9999999999999993, 6.22096057427174e-16, 7.550262411950034e-17, 9.037532235587132e-18],
];

const relClose = (actual: number, expected: number, rel: number, abs = 1e-15) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(abs, rel * Math.abs(expected)));

describe('standard normal functions', () => {
  it.each(TABLE)('z = %d matches scipy (cdf, sf, first and second-order loss)', (z, cdf, sf, g, g2) => {
    relClose(standardNormalCdf(z), cdf, 1e-12);
    relClose(standardNormalSurvival(z), sf, 1e-10);
    relClose(standardNormalLoss(z), g, 1e-9);
    relClose(standardNormalSecondLoss(z), g2, 1e-8);
  });

  it('matches printed loss-function tables (Silver, Pyke & Peterson, Table B.1, 4 decimals)', () => {
    // G(0) = 0.3989, G(1) = 0.0833, G(1.5) = 0.0293, G(2) = 0.0085
    expect(standardNormalLoss(0)).toBeCloseTo(0.3989, 4);
    expect(standardNormalLoss(1)).toBeCloseTo(0.0833, 4);
    expect(standardNormalLoss(1.5)).toBeCloseTo(0.0293, 4);
    expect(standardNormalLoss(2)).toBeCloseTo(0.0085, 4);
  });

  it.each([
    // norm.ppf(p)
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.02, -2.053748910631823],
    [0.1, -1.2815515655446004],
    [0.5, 0],
    [0.7954545454545454, 0.8254944909292358],
    [0.95, 1.6448536269514722],
    [0.99, 2.3263478740408408],
    [0.999999, 4.753424308817087],
  ])('quantile(%d) matches scipy norm.ppf', (p, z) => {
    // Near 1 the rounding of 1 - p limits any method to ~1e-16 / phi(z).
    const tolerance = p > 0.9999 ? 1e-16 / (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)) : 1e-12;
    expect(Math.abs(standardNormalQuantile(p) - z)).toBeLessThan(tolerance * 1.5);
  });

  it('inverts the loss function', () => {
    for (const z of [-4, -1, 0, 0.5, 1.7, 3, 5]) {
      expect(inverseStandardNormalLoss(standardNormalLoss(z))).toBeCloseTo(z, 9);
    }
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => standardNormalQuantile(1)).toThrow(/strictly between 0 and 1/);
    expect(() => standardNormalQuantile(0)).toThrow();
    expect(() => inverseStandardNormalLoss(0)).toThrow();
  });
});
