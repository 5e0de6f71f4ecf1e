import { describe, expect, it } from 'vitest';
import { bgNbdExpectedPurchases } from './bg-nbd';
import { paretoNbdExpectedPurchases } from './pareto-nbd';
import { simulateBgNbd, simulateParetoNbd } from './simulate';

const meanAndSe = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(variance / values.length) };
};

describe('simulated customers agree with the closed-form E[X(T)]', () => {
  it('BG/NBD: mean repeat purchases within 4 standard errors of E[X(T)] (FHL 2005 eq. 9)', () => {
    const params = { r: 0.3, alpha: 5, a: 0.8, b: 2.5 };
    const { mean, se } = meanAndSe(
      simulateBgNbd(params, { customers: 20_000, T: 52, seed: 3 }).map((r) => r.frequency),
    );
    expect(Math.abs(mean - bgNbdExpectedPurchases(params, 52))).toBeLessThan(4 * se);
  });

  it('Pareto/NBD: mean repeat purchases within 4 standard errors of E[X(T)] (F&H 2005 eq. 17)', () => {
    const params = { r: 0.6, alpha: 8, s: 0.8, beta: 10 };
    const { mean, se } = meanAndSe(
      simulateParetoNbd(params, { customers: 20_000, T: 52, seed: 4 }).map((r) => r.frequency),
    );
    expect(Math.abs(mean - paretoNbdExpectedPurchases(params, 52))).toBeLessThan(4 * se);
  });

  it('is reproducible for a seed', () => {
    const params = { r: 0.3, alpha: 5, a: 0.8, b: 2.5 };
    expect(simulateBgNbd(params, { customers: 5, seed: 9 })).toEqual(
      simulateBgNbd(params, { customers: 5, seed: 9 }),
    );
  });
});
