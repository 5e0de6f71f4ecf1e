import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { EpsilonGreedy } from './epsilon-greedy';
import { type BanditPolicy, selectBatch } from './policy';
import { regretGrowthExponent } from './regret-growth';
import { ThompsonSampling } from './thompson-sampling';
import { Ucb1 } from './ucb1';

/** Mean cumulative pseudo-regret curve on a Bernoulli bandit over `runs` seeds. */
function bernoulliRegret(make: () => BanditPolicy, means: number[], steps: number, runs: number): number[] {
  const best = Math.max(...means);
  const curve = new Array<number>(steps).fill(0);
  for (let run = 0; run < runs; run++) {
    const policy = make();
    const rng = createRng(100 + run);
    let regret = 0;
    for (let t = 0; t < steps; t++) {
      const arm = policy.select(rng);
      policy.update(arm, rng.next() < means[arm] ? 1 : 0);
      policy.endPeriod();
      regret += best - means[arm];
      curve[t] += regret / runs;
    }
  }
  return curve;
}

describe('bandit policies on a Bernoulli bandit (means 0.05, 0.04, 0.03, 0.02)', () => {
  const means = [0.05, 0.04, 0.03, 0.02];
  const steps = 20_000;
  const thompson = bernoulliRegret(() => new ThompsonSampling(4), means, steps, 6);
  const greedy = bernoulliRegret(() => new EpsilonGreedy(4, { epsilon: 0.1 }), means, steps, 6);
  const ucb = bernoulliRegret(() => new Ucb1(4), means, steps, 6);

  it('Thompson regret grows sublinearly (log-log slope well below 1), clearly slower than epsilon-greedy', () => {
    const thompsonSlope = regretGrowthExponent(thompson, 0.25);
    expect(thompsonSlope).toBeLessThan(0.75);
    expect(regretGrowthExponent(greedy, 0.25)).toBeGreaterThan(thompsonSlope + 0.2);
  });

  it('Thompson has the lowest regret, below UCB1 and epsilon-greedy (Chapelle & Li 2011)', () => {
    expect(thompson[steps - 1]).toBeLessThan(ucb[steps - 1]);
    expect(thompson[steps - 1]).toBeLessThan(greedy[steps - 1]);
  });
});

describe('ThompsonSampling posteriors', () => {
  it('Beta-Bernoulli draws have the posterior mean (1 + s) / (2 + n)', () => {
    const policy = new ThompsonSampling(1);
    for (let i = 0; i < 30; i++) policy.update(0, i < 9 ? 1 : 0);
    const rng = createRng(1);
    let mean = 0;
    for (let i = 0; i < 20_000; i++) mean += policy.sample(0, rng) / 20_000;
    expect(mean).toBeCloseTo(10 / 32, 2);
  });

  it('Gaussian draws concentrate on the sample mean; log-normal draws on exp(mu + sigma^2/2)', () => {
    const rng = createRng(2);
    const gaussian = new ThompsonSampling(1, { model: 'gaussian' });
    const logNormal = new ThompsonSampling(1, { model: 'log-normal' });
    for (let i = 0; i < 4000; i++) {
      const z = rng.normal();
      gaussian.update(0, 3 + 0.5 * z);
      logNormal.update(0, Math.exp(1 + 0.5 * z));
    }
    let g = 0;
    let l = 0;
    for (let i = 0; i < 2000; i++) {
      g += gaussian.sample(0, rng) / 2000;
      l += logNormal.sample(0, rng) / 2000;
    }
    expect(g).toBeCloseTo(3, 1);
    expect(l / Math.exp(1 + 0.125) - 1).toBeLessThan(0.03);
  });

  it('weighted Gaussian observations: the posterior of the mean is Student-t with 2(a0 + N/2) degrees of freedom (N observations, not their total weight)', () => {
    // 40 observations of weight 0.05 (precision 0.05 tau each): total weight 2, N = 40.
    // Normal-Gamma posterior (prior mu0 0, kappa0 0.01, a0 1, b0 1): kappa = 2.01,
    // mu = sum(w x) / kappa, a = 1 + 40/2 = 21, b = 1 + S/2 + kappa0 W (xbar - mu0)^2 / (2 kappa)
    // with S = sum w (x - xbar)^2; Var(mean) = b / ((a - 1) kappa). With a = 1 + W/2 = 2 the
    // variance would be 20 times larger.
    const policy = new ThompsonSampling(1, { model: 'gaussian' });
    const xs = Array.from({ length: 40 }, (_, i) => 3 + Math.sin(i) * 4);
    for (const x of xs) policy.update(0, x, 0.05);
    const xbar = xs.reduce((a, b) => a + b, 0) / xs.length;
    const scatter = xs.reduce((s, x) => s + 0.05 * (x - xbar) ** 2, 0);
    const kappa = 2.01;
    const b = 1 + scatter / 2 + (0.01 * 2 * xbar ** 2) / (2 * kappa);
    const variance = b / (20 * kappa);
    const rng = createRng(9);
    const draws = Array.from({ length: 100_000 }, () => policy.sample(0, rng));
    const mean = draws.reduce((a, c) => a + c, 0) / draws.length;
    const drawVariance = draws.reduce((s, d) => s + (d - mean) ** 2, 0) / draws.length;
    expect(mean).toBeCloseTo((2 * xbar) / kappa, 1);
    expect(drawVariance / variance).toBeGreaterThan(0.95);
    expect(drawVariance / variance).toBeLessThan(1.05);
  });

  it('P(best) is near 1 for a clearly better arm and near 1/2 for two equal ones', () => {
    const policy = new ThompsonSampling(3);
    for (let i = 0; i < 200; i++) {
      policy.update(0, i % 10 === 0 ? 1 : 0);
      policy.update(1, i % 2 === 0 ? 1 : 0);
      policy.update(2, i % 2 === 1 ? 1 : 0);
    }
    const p = policy.probabilityBest(createRng(3), 4000);
    expect(p[0]).toBeLessThan(0.01);
    expect(p[1]).toBeCloseTo(0.5, 1);
    expect(p[1] + p[2]).toBeCloseTo(1, 1);
  });
});

describe('UCB1 and epsilon-greedy', () => {
  it('UCB1 plays every arm once, then the highest index', () => {
    const policy = new Ucb1(3);
    const rng = createRng(0);
    const first = [0, 1, 2].map(() => {
      const arm = policy.select(rng);
      policy.update(arm, arm === 2 ? 1 : 0);
      return arm;
    });
    expect(first).toEqual([0, 1, 2]);
    // indices: arm 2 has mean 1 plus the same bonus as the others
    expect(policy.select(rng)).toBe(2);
  });

  it('epsilon-greedy preferences put 1 - eps + eps/K on the best mean', () => {
    const policy = new EpsilonGreedy(4, { epsilon: 0.2 });
    [0.1, 0.5, 0.3, 0.2].forEach((reward, arm) => {
      policy.update(arm, reward);
    });
    const preferences = policy.preferences(createRng(0), new Float64Array(4));
    [0.05, 0.85, 0.05, 0.05].forEach((expected, i) => {
      expect(preferences[i]).toBeCloseTo(expected, 12);
    });
  });
});

describe('batched decisions', () => {
  it('a Thompson batch taken from one state splits like P(best), and delayed updates then shift it', () => {
    const policy = new ThompsonSampling(2);
    for (let i = 0; i < 40; i++) {
      policy.update(0, i % 4 === 0 ? 1 : 0); // 10/40
      policy.update(1, i % 5 === 0 ? 1 : 0); // 8/40
    }
    const rng = createRng(8);
    const probability = policy.probabilityBest(rng, 20_000)[0];
    const batch = selectBatch(policy, 20_000, rng);
    const share = batch.filter((arm) => arm === 0).length / batch.length;
    expect(Math.abs(share - probability)).toBeLessThan(0.02);
    for (let i = 0; i < 400; i++) policy.update(1, i % 2); // the batch's rewards arrive: arm 1 converts at 50%
    expect(selectBatch(policy, 1000, rng).filter((arm) => arm === 1).length).toBeGreaterThan(990);
  });
});
