import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelder-mead';

const rosenbrock = (x: number[]) => {
  let sum = 0;
  for (let i = 0; i < x.length - 1; i++) sum += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return sum;
};

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum (1, ..., 1) in 2 and 4 dimensions', () => {
    for (const start of [
      [-1.2, 1],
      [-1, 0.5, 2, -0.3],
    ]) {
      const result = nelderMead(rosenbrock, start, { maxEvaluations: 20_000 });
      expect(result.converged).toBe(true);
      expect(result.value).toBeLessThan(1e-12);
      for (const xi of result.x) expect(xi).toBeCloseTo(1, 5);
    }
  });

  it('finds the minimum of a shifted, scaled quadratic: x = (3, -2, 0.5)', () => {
    const target = [3, -2, 0.5];
    const weights = [1, 100, 0.01];
    const result = nelderMead(
      (x) => x.reduce((s, xi, i) => s + weights[i] * (xi - target[i]) ** 2, 0),
      [0, 0, 0],
    );
    for (const [i, xi] of result.x.entries()) expect(xi).toBeCloseTo(target[i], 3);
  });

  it('treats NaN outside the domain as +Infinity (minimum of x - log x at x = 1 from x > 0)', () => {
    const result = nelderMead(([x]) => (x > 0 ? x - Math.log(x) : Number.NaN), [5]);
    expect(result.x[0]).toBeCloseTo(1, 5);
  });

  it('respects the evaluation budget and reports non-convergence', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 30, restarts: 0 });
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(32);
  });
});
