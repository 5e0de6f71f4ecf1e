import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { evaluatePolicyOffline, type LoggedDecision, normalQuantile } from './off-policy';

const means = [0.2, 0.5, 0.3];
const target = [0.1, 0.8, 0.1];
const trueValue = target.reduce((s, p, a) => s + p * means[a], 0); // 0.45

/** A log from a known logging policy (probabilities `logging`) on Bernoulli rewards. */
function syntheticLog(n: number, seed: number, logging = [0.5, 0.2, 0.3]): LoggedDecision[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const action = rng.weightedIndex(logging);
    return { action, reward: rng.next() < means[action] ? 1 : 0, propensity: logging[action] };
  });
}

describe('evaluatePolicyOffline', () => {
  it('IPS, SNIPS and DR recover the known value of the target policy (0.45)', () => {
    const result = evaluatePolicyOffline(syntheticLog(20_000, 1), { targetPolicy: () => target });
    for (const estimate of [result.ips, result.snips, result.doublyRobust]) {
      expect(Math.abs(estimate.value - trueValue)).toBeLessThan(3 * estimate.standardError);
      expect(estimate.standardError).toBeLessThan(0.01);
    }
    expect(result.maxWeight).toBeCloseTo(4, 12);
  });

  it('95% intervals cover the true value in about 95% of 300 replications', () => {
    const covered = { ips: 0, snips: 0, doublyRobust: 0 };
    for (let rep = 0; rep < 300; rep++) {
      const result = evaluatePolicyOffline(syntheticLog(800, 1000 + rep), { targetPolicy: () => target });
      for (const key of Object.keys(covered) as Array<keyof typeof covered>) {
        const [lower, upper] = result[key].interval;
        if (lower <= trueValue && trueValue <= upper) covered[key]++;
      }
    }
    for (const count of Object.values(covered)) {
      expect(count / 300).toBeGreaterThan(0.9);
      expect(count / 300).toBeLessThan(0.99);
    }
  });

  it('doubly robust with an exact reward model has a smaller standard error than IPS', () => {
    const result = evaluatePolicyOffline(syntheticLog(5000, 7), {
      targetPolicy: () => target,
      rewardModel: (_c, a) => means[a],
    });
    expect(result.doublyRobust.standardError).toBeLessThan(0.85 * result.ips.standardError);
  });

  it('names the row of a bad propensity', () => {
    expect(() =>
      evaluatePolicyOffline([{ action: 0, reward: 1, propensity: 0 }], { targetPolicy: () => [1] }),
    ).toThrow(/row 1.*propensity/);
  });

  it('normal quantiles match the standard table', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 8);
  });
});
