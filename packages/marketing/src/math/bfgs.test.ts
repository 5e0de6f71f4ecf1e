import { describe, expect, it } from 'vitest';
import { bfgs } from './bfgs';
import { digamma } from './digamma';

describe('bfgs', () => {
  it('finds the Rosenbrock minimum (1, 1) with its analytic gradient in few evaluations', () => {
    const result = bfgs(
      ([x, y]) => ({
        value: 100 * (y - x * x) ** 2 + (1 - x) ** 2,
        gradient: [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)],
      }),
      [-1.2, 1],
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 7);
    expect(result.x[1]).toBeCloseTo(1, 7);
    expect(result.evaluations).toBeLessThan(200);
  });

  it('solves a convex quadratic exactly: minimum of 1/2 x^T A x - b^T x is A^-1 b', () => {
    // A = [[4, 1], [1, 3]], b = [1, 2] -> x = [1/11, 7/11]
    const result = bfgs(
      ([x, y]) => ({
        value: 0.5 * (4 * x * x + 2 * x * y + 3 * y * y) - x - 2 * y,
        gradient: [4 * x + y - 1, x + 3 * y - 2],
      }),
      [5, -5],
    );
    expect(result.x[0]).toBeCloseTo(1 / 11, 9);
    expect(result.x[1]).toBeCloseTo(7 / 11, 9);
  });
});

describe('digamma', () => {
  it('matches closed forms: psi(1) = -gamma, psi(1/2) = -gamma - 2 ln 2, psi(10) = H_9 - gamma', () => {
    const gamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-gamma, 14);
    expect(digamma(0.5)).toBeCloseTo(-gamma - 2 * Math.LN2, 14);
    let harmonic = 0;
    for (let k = 1; k <= 9; k++) harmonic += 1 / k;
    expect(digamma(10)).toBeCloseTo(harmonic - gamma, 14);
    expect(digamma(1e-3)).toBeCloseTo(-1000.5755719318103, 9); // scipy.special.digamma(1e-3)
  });
});
