import { describe, expect, it } from 'vitest';
import { hyp2f1, logHyp2f1 } from './hyp2f1';

// Reference values from scipy 1.17.1:
//   python3 -c "from scipy.special import hyp2f1; print(repr(float(hyp2f1(a, b, c, z))))"
const scipyCases: Array<[number, number, number, number, number]> = [
  [1, 1, 2, 0.5, 1.3862943611198901],
  [3.2426, 5.4258, 5.2187, 0.3, 3.3370469290041957],
  [5.5, 1.6, 6.5, 0.9, 15.095759814970082],
  [5.5, 1.6, 6.5, 0.99, 109.42807458474867],
  [2.3, 40.5, 43.8, -0.7, 0.3176296155772854],
  [0.5, 0.5, 1.5, -3.0, 0.7603459963009458],
  [120.5, 3.2, 121.5, 0.6, 18.06202288341511],
  [3.55, 1.61, 5.16, 0.95, 11.388028295862402],
  [10.2, 200.3, 211.0, 0.2, 8.570689900047395],
  [1.5, -0.3, 2.2, 0.8, 0.772367672051701],
];

describe('hyp2f1', () => {
  it.each(scipyCases)('2F1(%d, %d; %d; %d) matches scipy', (a, b, c, z, expected) => {
    expect(hyp2f1(a, b, c, z)).toBeCloseTo(expected, 10);
    expect(Math.abs(hyp2f1(a, b, c, z) / expected - 1)).toBeLessThan(1e-12);
  });

  it('matches closed forms: -ln(1-z)/z and asinh(x)/x', () => {
    for (const z of [-5, -0.9, -0.1, 0.1, 0.7, 0.999]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z) / z, 12);
    }
    for (const x of [0.3, 1, 4]) expect(hyp2f1(0.5, 0.5, 1.5, -x * x)).toBeCloseTo(Math.asinh(x) / x, 12);
  });

  it('stays finite in log space where the value overflows a double: 2F1(a, b; b; z) = (1-z)^-a', () => {
    const { log, sign } = logHyp2f1(800, 5, 5, 0.9);
    expect(sign).toBe(1);
    expect(log / (800 * Math.log(10)) - 1).toBeCloseTo(0, 12);
    expect(logHyp2f1(900, 2.5, 2.5, -0.95).log).toBeCloseTo(-900 * Math.log(1.95), 9);
  });

  it('is 1 at z = 0 and NaN (never a wrong number) outside z < 1', () => {
    expect(hyp2f1(2, 3, 4, 0)).toBe(1);
    expect(Number.isNaN(hyp2f1(2, 3, 4, 1))).toBe(true);
    expect(Number.isNaN(hyp2f1(2, 3, -2, 0.5))).toBe(true);
    expect(Number.isNaN(logHyp2f1(5.5, 1.6, 6.5, 0.999, 100).log)).toBe(true);
  });
});

describe('hyp2f1 with huge parameters (a BG/NBD fit at its b -> infinity boundary)', () => {
  it('stops on the tail bound instead of iterating |b| times', () => {
    // 2F1(a, b; b; z) = (1-z)^-a for any b, here b = 1e7 (closed form)
    expect(hyp2f1(0.7, 1.1e7, 1.1e7, 0.4)).toBeCloseTo(0.6 ** -0.7, 10);
    expect(Number.isFinite(logHyp2f1(0.72, 1.1e7, 1.1e7 - 0.99, 0.5, 10_000).log)).toBe(true);
  });
});
