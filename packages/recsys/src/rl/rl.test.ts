import { createRng } from '@shoppilot/core';
import { describeEstimator, expectDeepClose } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { trapObservation, trapPlanValue, trapWorld } from '../__fixtures__/trap-world';
import { twoGroups } from '../__fixtures__/two-groups';
import { DqnRecommender } from './dqn';
import { evaluatePolicy } from './evaluate-policy';
import { fitUserSimulator } from './fit-simulator';
import { Mlp } from './mlp';
import { nStepTransitions } from './n-step';
import { offPolicyEstimate } from './off-policy';

/**
 * A two-item world where greed loses: item H pays 5 but is clicked with p = 0.3, item C pays 1
 * with p = 0.9; no click ends the session (leave probability 1); 5 steps. Per step greedy takes H
 * (EV 1.5 > 0.9): E[total] = 1.5·(1 + 0.3 + 0.09 + 0.027 + 0.0081) = 2.13765. Showing C for four
 * steps and H last: 0.9·(1 + 0.9 + 0.81 + 0.729) + 0.6561·1.5 = 4.0792, the optimum.
 */
describe('UserSimulator', () => {
  it('expected one-step reward = P(click) · P(buy | click) · price, and Monte Carlo agrees', () => {
    const sim = trapWorld();
    const session = sim.reset(createRng(1));
    expect(sim.expectedReward(session, 0)).toBeCloseTo(1.5, 9);
    expect(sim.expectedReward(session, 1)).toBeCloseTo(0.9, 9);
    const rng = createRng(2);
    let total = 0;
    for (let k = 0; k < 20_000; k++) total += sim.step(sim.reset(rng), 0, rng).reward;
    expect(total / 20_000).toBeCloseTo(1.5, 1);
  });

  it('session values match the closed forms of the trap world', () => {
    const sim = trapWorld();
    // Mobile only (leave = 1 after a miss): force the context by re-drawing until mobile.
    const greedy = evaluatePolicy(sim, () => 0, { sessions: 20_000, seed: 3, candidates: 2 });
    const patient = evaluatePolicy(sim, (o) => (o.shown.length < 4 ? 1 : 0), {
      sessions: 20_000,
      seed: 3,
      candidates: 2,
    });
    // Half the sessions are desktop (leave 2/3 after a miss), so compare with the exact mixture.
    const value = trapPlanValue;
    const mix = (plan: number[]) => (value(plan, 1) + value(plan, 2 / 3)) / 2;
    expect(value([0, 0, 0, 0, 0], 1)).toBeCloseTo(2.13765, 5);
    expect(value([1, 1, 1, 1, 0], 1)).toBeCloseTo(4.07925, 5);
    // Monte Carlo means within 4 standard errors of the exact values.
    expect(Math.abs(greedy.meanReward - mix([0, 0, 0, 0, 0]))).toBeLessThan(4 * greedy.standardError);
    expect(Math.abs(patient.meanReward - mix([1, 1, 1, 1, 0]))).toBeLessThan(4 * patient.standardError);
  });
});

describe('DqnRecommender', () => {
  const options = {
    episodes: 700,
    hidden: [16],
    candidates: 2,
    warmup: 200,
    targetSync: 100,
    learningRate: 0.003,
    decomposed: false,
    seed: 4,
  };

  describeEstimator('DqnRecommender', {
    create: () => new DqnRecommender({ ...options, episodes: 30, warmup: 20 }),
    data: trapWorld,
    fit: (model, sim) => model.fit(sim),
    predict: (model, sim) =>
      model.qValues(sim, {
        profile: sim.profiles[0],
        mobile: true,
        shown: [],
        clicked: [],
        candidates: [0, 1],
        sessionLength: 5,
      }),
    fromJSON: (json) => DqnRecommender.fromJSON(json),
  });

  it('Double DQN learns to keep the user (C early, H last) and beats the greedy one-step model', async () => {
    const sim = trapWorld();
    const dqn = await new DqnRecommender({ ...options, gamma: 1 }).fit(sim);
    const myopic = await new DqnRecommender({ ...options, gamma: 0 }).fit(sim);
    const policy = (model: DqnRecommender) => (o: Parameters<DqnRecommender['act']>[1]) =>
      model.act(sim, o).item;
    const long = evaluatePolicy(sim, policy(dqn), { sessions: 2000, seed: 9, candidates: 2 });
    const greedy = evaluatePolicy(sim, policy(myopic), { sessions: 2000, seed: 9, candidates: 2 });
    // Always-H is worth (2.13765 + 3.0755)/2 = 2.61 with half the sessions on desktop; the optimum 4.24.
    expect(greedy.meanReward).toBeLessThan(2.9);
    expect(long.meanReward).toBeGreaterThan(greedy.meanReward + 1);
    const observation = (shown: number[]) => trapObservation(sim, shown);
    const [qH, qC] = myopic.qValues(sim, observation([]));
    expect(qH).toBeGreaterThan(qC); // one step ahead, H (EV 1.5) beats C (EV 0.9)
    const [firstH, firstC] = dqn.qValues(sim, observation([]));
    const [lastH, lastC] = dqn.qValues(sim, observation([1, 1, 1, 1]));
    expect(firstC).toBeGreaterThan(firstH); // keep the user first …
    expect(lastH).toBeGreaterThan(lastC); // … and cash in on the last step
  });
});

describe('DqnRecommender (decomposed Q = r̂ + B + Â, scaled rewards, n-step)', () => {
  it('r̂ learns the closed-form one-step rewards, Q keeps the user first, and Q beats argmax r̂', async () => {
    const sim = trapWorld();
    const dqn = await new DqnRecommender({
      episodes: 1500,
      hidden: [16],
      candidates: 2,
      warmup: 200,
      targetSync: 100,
      learningRate: 0.003,
      gamma: 1,
      nStep: 3,
      decomposed: true,
      seed: 4,
    }).fit(sim);
    // Rewards were divided by the warm-up mean (well above 1 here: the rewards are 1 and 5).
    expect((dqn.toJSON().state as { rewardScale: number }).rewardScale).toBeGreaterThan(0.5);
    const observation = (shown: number[]) => trapObservation(sim, shown);
    // Expected one-step rewards (reported in reward units): H 0.3·5 = 1.5, C 0.9·1 = 0.9.
    const [rH, rC] = dqn.qValues(sim, observation([1, 1]), { immediate: true });
    expect(rH).toBeGreaterThan(1.5 - 0.3);
    expect(rH).toBeLessThan(1.5 + 0.3);
    expect(rC).toBeGreaterThan(0.9 - 0.2);
    expect(rC).toBeLessThan(0.9 + 0.2);
    // Q (r̂ + continuation) prefers C while steps remain and H on the last step (nothing follows).
    const [firstH, firstC] = dqn.qValues(sim, observation([]));
    const [lastH, lastC] = dqn.qValues(sim, observation([1, 1, 1, 1]));
    expect(firstC).toBeGreaterThan(firstH);
    expect(lastH).toBeGreaterThan(lastC);
    const long = evaluatePolicy(sim, (o) => dqn.act(sim, o).item, { sessions: 2000, seed: 9, candidates: 2 });
    const greedy = evaluatePolicy(sim, (o) => dqn.act(sim, o, { immediate: true }).item, {
      sessions: 2000,
      seed: 9,
      candidates: 2,
    });
    // Argmax r̂ is always-H (2.61 over the mobile/desktop mixture); the optimum is 4.24.
    expect(greedy.meanReward).toBeLessThan(2.9);
    expect(long.meanReward).toBeGreaterThan(greedy.meanReward + 1);
    const plain = await new DqnRecommender({
      episodes: 20,
      warmup: 10,
      candidates: 2,
      decomposed: false,
    }).fit(sim);
    expect(() => plain.act(sim, observation([]), { immediate: true })).toThrow(/decomposed/);
  });
});

describe('DqnRecommender warm start', () => {
  it('a frozen warm-started r̂ equals the one-step model it came from; the continuation still learns to keep the user', async () => {
    const sim = trapWorld();
    const common = {
      hidden: [16],
      candidates: 2,
      warmup: 200,
      targetSync: 100,
      learningRate: 0.003,
      seed: 4,
    };
    const greedy = await new DqnRecommender({ ...common, episodes: 700, gamma: 0, decomposed: false }).fit(
      sim,
    );
    const dqn = await new DqnRecommender({
      ...common,
      episodes: 1500,
      gamma: 1,
      nStep: 3,
      freezeImmediate: true,
    }).fit(sim, { warmStart: greedy });
    const observation = {
      profile: sim.profiles[0],
      mobile: true,
      shown: [1],
      clicked: [true],
      candidates: [0, 1],
      sessionLength: 5,
    };
    // Same network and reward units: identical one-step values.
    expectDeepClose(
      dqn.qValues(sim, observation, { immediate: true }),
      greedy.qValues(sim, observation),
      1e-12,
    );
    const run = (model: DqnRecommender) =>
      evaluatePolicy(sim, (o) => model.act(sim, o).item, { sessions: 2000, seed: 9, candidates: 2 });
    expect(run(dqn).meanReward).toBeGreaterThan(run(greedy).meanReward + 1);
    await expect(
      new DqnRecommender({ ...common, decomposed: false }).fit(sim, { warmStart: greedy }),
    ).rejects.toThrow(/decomposed/);
  });
});

describe('nStepTransitions', () => {
  const step = (reward: number, done = false) => ({
    observation: reward,
    action: 0,
    reward,
    next: reward + 100,
    done,
  });
  it('sums the later rewards with γ^k and bootstraps with γ^n, or not at all after the end', () => {
    const episode = [step(1), step(2), step(4), step(8, true)];
    const t = nStepTransitions(episode, 3, 0.5);
    // t = 0: r0 = 1 apart; later 0.5·2 + 0.25·4 = 2; bootstrap γ³ = 0.125 on s3 (next of step 2).
    expect(t[0]).toMatchObject({ reward: 1, laterRewards: 2, bootstrapDiscount: 0.125, next: 104 });
    // t = 1: later 0.5·4 + 0.25·8 = 4; the episode ends at step 3, so no bootstrap.
    expect(t[1]).toMatchObject({ reward: 2, laterRewards: 4, bootstrapDiscount: 0, next: 108 });
    // t = 3: the last step alone.
    expect(t[3]).toMatchObject({ reward: 8, laterRewards: 0, bootstrapDiscount: 0 });
    // n = 1 is the one-step transition: bootstrap γ on the next observation.
    expect(nStepTransitions(episode, 1, 0.9)[0]).toMatchObject({
      laterRewards: 0,
      bootstrapDiscount: 0.9,
      next: 101,
    });
  });
});

describe('Mlp', () => {
  it('fits a linear function with Adam (mean squared error → ~0)', () => {
    const net = new Mlp([2, 8, 1], 1);
    const rng = createRng(1);
    const inputs = Array.from({ length: 64 }, () => [rng.normal(), rng.normal()]);
    const targets = inputs.map(([a, b]) => 2 * a - b + 0.5);
    let loss = 1;
    for (let it = 0; it < 2000; it++) loss = net.train(inputs, targets, 0.01, 0);
    expect(loss).toBeLessThan(1e-3);
  });
});

describe('off-policy estimates', () => {
  it('IPS and SNIPS on a hand-made log (uniform logging over 2 actions, deterministic target)', () => {
    const log = [
      { context: 0, action: 'a', reward: 1, propensity: 0.5 },
      { context: 0, action: 'b', reward: 0, propensity: 0.5 },
      { context: 1, action: 'a', reward: 0, propensity: 0.5 },
      { context: 1, action: 'b', reward: 1, propensity: 0.5 },
    ];
    // Target: a in context 0, b in context 1 — always right: true value 1.
    const target = (x: number, a: string) => ((x === 0 && a === 'a') || (x === 1 && a === 'b') ? 1 : 0);
    const estimate = offPolicyEstimate(log, target);
    expect(estimate.ips).toBeCloseTo((2 * 1 + 2 * 1) / 4, 12);
    expect(estimate.snips).toBeCloseTo(1, 12);
    expect(estimate.effectiveSampleSize).toBeCloseTo(2, 12);
    const clipped = offPolicyEstimate(log, target, { maxWeight: 1.5 });
    expect(clipped.ips).toBeCloseTo(0.75, 12);
  });
});

describe('fitUserSimulator', () => {
  it('fits a positive affinity on data where users stay in their taste group, and reports it', async () => {
    const { simulator, report } = await fitUserSimulator(twoGroups(40, 6, 4, 2), {
      dimension: 4,
      items: 12,
      seed: 1,
    });
    expect(report.affinity).toBeGreaterThan(0.5);
    expect(report.items).toBe(12);
    expect(simulator.profiles.length).toBe(40);
    // Calibrated: the mean start click rate of each user's top items is the target 0.35.
    const session = simulator.reset(createRng(1));
    expect(simulator.clickProbability(session, 0)).toBeGreaterThan(0);
  });
});
