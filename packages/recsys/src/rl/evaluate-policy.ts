import { createRng, type Rng } from '@shoppilot/core';
import { candidateItems, type Observation, observe } from './observation';
import type { SimulatedSession, UserSimulator } from './user-simulator';

export interface PolicyEvaluation {
  /** Mean cumulative reward per session. */
  meanReward: number;
  standardError: number;
  meanClicks: number;
  meanBuys: number;
  /** Mean steps before the session ended. */
  meanLength: number;
  /** Cumulative reward of each session (same order for every policy given the same seed). */
  rewards: Float64Array;
}

/**
 * Runs `sessions` simulated sessions with a policy. Session s always draws the same user and
 * context from `seed` (common random numbers), so two policies evaluated with one seed differ only
 * by their choices.
 */
export function evaluatePolicy(
  simulator: UserSimulator,
  /** Picks an item; `session` is the hidden state, for true-model policies only (see `planner.ts`). */
  policy: (observation: Observation, rng: Rng, session: SimulatedSession) => number,
  options: { sessions?: number; seed?: number; candidates?: number } = {},
): PolicyEvaluation {
  const sessions = options.sessions ?? 1000;
  const rewards = new Float64Array(sessions);
  let clicks = 0;
  let buys = 0;
  let length = 0;
  for (let s = 0; s < sessions; s++) {
    const rng = createRng((options.seed ?? 0) * 1_000_003 + s);
    const session = simulator.reset(rng);
    const candidates = candidateItems(simulator, session.profile, options.candidates ?? 30);
    while (!session.done) {
      const outcome = simulator.step(
        session,
        policy(observe(session, candidates, simulator.settings.sessionLength), rng, session),
        rng,
      );
      rewards[s] += outcome.reward;
      if (outcome.click) clicks++;
      if (outcome.buy) buys++;
    }
    length += session.step;
  }
  const mean = rewards.reduce((a, b) => a + b, 0) / sessions;
  const variance = rewards.reduce((a, r) => a + (r - mean) ** 2, 0) / Math.max(1, sessions - 1);
  return {
    meanReward: mean,
    standardError: Math.sqrt(variance / sessions),
    meanClicks: clicks / sessions,
    meanBuys: buys / sessions,
    meanLength: length / sessions,
    rewards,
  };
}

/** Mean and standard error of the paired per-session differences a − b (same seeds). */
export function pairedDifference(a: Float64Array, b: Float64Array): { mean: number; standardError: number } {
  const n = Math.min(a.length, b.length);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (a[i] - b[i]) / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (a[i] - b[i] - mean) ** 2 / Math.max(1, n - 1);
  return { mean, standardError: Math.sqrt(variance / n) };
}
