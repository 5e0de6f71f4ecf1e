import { describe, expect, it } from 'vitest';
import { readCdnowSummary } from './__fixtures__/cdnow';
import { bgNbdLogLikelihoodGradient, bgNbdTotalLogLikelihood } from './bg-nbd';
import { gammaGammaLogLikelihoodGradient, prepareSpendData } from './gamma-gamma';
import { paretoNbdTotalLogLikelihood } from './pareto-nbd';
import { paretoNbdLogLikelihoodGradient } from './pareto-nbd-gradient';
import { compressRfm } from './rfm-data';

/** Central finite difference of f at x along coordinate i (relative step 1e-6). */
function numericGradient(f: (x: number[]) => number, x: number[]): number[] {
  return x.map((xi, i) => {
    const h = 1e-6 * Math.max(1, Math.abs(xi));
    const up = [...x];
    const down = [...x];
    up[i] += h;
    down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

const cdnow = readCdnowSummary();

describe('analytic gradients agree with central finite differences', () => {
  it('BG/NBD (r, alpha, a, b) on CDNOW, at and away from the optimum', () => {
    const data = compressRfm(cdnow);
    for (const point of [
      [0.2426, 4.4135, 0.7929, 2.4258],
      [0.5, 2, 1.5, 4],
    ]) {
      const [r, alpha, a, b] = point;
      const analytic = bgNbdLogLikelihoodGradient({ r, alpha, a, b }, data);
      expect(analytic.value).toBeCloseTo(bgNbdTotalLogLikelihood({ r, alpha, a, b }, data), 8);
      const numeric = numericGradient(
        ([r2, al2, a2, b2]) => bgNbdTotalLogLikelihood({ r: r2, alpha: al2, a: a2, b: b2 }, data),
        point,
      );
      analytic.gradient.forEach((g, i) => {
        expect(Math.abs(g - numeric[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(numeric[i])));
      });
    }
  });

  it('Gamma-Gamma (p, q, v) on the CDNOW repeat buyers', () => {
    const data = prepareSpendData(cdnow.filter((c) => c.frequency > 0));
    const point = [5, 3, 20];
    const analytic = gammaGammaLogLikelihoodGradient({ p: point[0], q: point[1], v: point[2] }, data);
    const numeric = numericGradient(
      ([p, q, v]) => gammaGammaLogLikelihoodGradient({ p, q, v }, data, false).value,
      point,
    );
    analytic.gradient.forEach((g, i) => {
      expect(Math.abs(g - numeric[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(numeric[i])));
    });
  });
});

describe('Pareto/NBD integral form', () => {
  const data = compressRfm(cdnow);
  it('its value equals the 2F1 closed form (two independent routes) and its gradient the finite differences', () => {
    for (const point of [
      [0.5533, 10.5776, 0.6061, 11.665],
      [0.8, 2, 1.7, 25],
      [0.5, 20, 0.8, 0.5],
    ]) {
      const [r, alpha, s, beta] = point;
      const analytic = paretoNbdLogLikelihoodGradient({ r, alpha, s, beta }, data);
      const closedForm = paretoNbdTotalLogLikelihood({ r, alpha, s, beta }, data);
      expect(Math.abs(analytic.value - closedForm)).toBeLessThan(1e-7 * Math.abs(closedForm));
      const numeric = numericGradient(
        ([r2, a2, s2, b2]) =>
          paretoNbdLogLikelihoodGradient({ r: r2, alpha: a2, s: s2, beta: b2 }, data).value,
        point,
      );
      analytic.gradient.forEach((g, i) => {
        expect(Math.abs(g - numeric[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(numeric[i])));
      });
    }
  });
});
