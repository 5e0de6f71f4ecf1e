import type { Rng } from '@shoppilot/core';
import type { Observation } from './observation';
import { type SimulatedSession, UserSimulator } from './user-simulator';

/**
 * True-model policies: they read the simulator's hidden session (interest, fatigue) and use its
 * dynamics, so they measure how much a planner COULD gain over greedy in a given simulator
 * ("planning headroom"). Learnt policies must not use them.
 */
export type TrueModelPolicy = (observation: Observation, rng: Rng, session: SimulatedSession) => number;

export interface RolloutPlannerOptions {
  /** Steps looked ahead after the first one (default: to the end of the session). */
  horizon?: number;
}

/** The candidate with the highest true expected one-step reward (ties: the first). */
export function trueGreedyAction(
  simulator: UserSimulator,
  session: SimulatedSession,
  candidates: readonly number[],
): number {
  let item = candidates[0];
  let best = Number.NEGATIVE_INFINITY;
  for (const c of candidates) {
    const r = simulator.expectedReward(session, c);
    if (r > best) {
      best = r;
      item = c;
    }
  }
  return item;
}

/**
 * Rollout planner (one-step lookahead over true-model greedy, Bertsekas' rollout algorithm) with a
 * mean-field continuation: the value of showing candidate a is r(s, a) + P(the session goes on | a)
 * · G(s'), where s' is the state after a (fatigue exactly; interest drifted by p_a·η, the expected
 * drift) and G is the return of true-model greedy from s' computed the same way: each step adds
 * alive · r and alive ← alive · (p + (1 − p)(1 − leave)). Deterministic (no sampling noise). With
 * no drift the continuation is the exact value of greedy, so the planner is the exact rollout policy
 * and is at least as good as greedy (policy improvement). It runs in a simulator restricted to the
 * candidates (the fatigue of other items is never read).
 */
export function rolloutValues(
  simulator: UserSimulator,
  session: SimulatedSession,
  candidates: readonly number[],
  options: RolloutPlannerOptions = {},
): Float64Array {
  const sub = restrict(simulator, candidates);
  const local = toLocal(session, candidates);
  const leave = simulator.leaveProbability(session);
  const horizon = options.horizon ?? simulator.settings.sessionLength;
  return Float64Array.from(candidates, (_, a) => {
    const p = sub.clickProbability(local, a);
    const next = copy(local);
    sub.advance(next, a, p);
    return (
      sub.expectedReward(local, a) + (p + (1 - p) * (1 - leave)) * greedyValue(sub, next, horizon, leave)
    );
  });
}

/** Mean-field return of true-model greedy from `start` over at most `horizon` steps (see `rolloutValues`). */
export function greedyValue(
  sub: UserSimulator,
  start: SimulatedSession,
  horizon: number,
  leave: number,
): number {
  const session = copy(start);
  const all = sub.items.map((_, k) => k);
  let alive = 1;
  let total = 0;
  for (let h = 0; h < horizon && !session.done; h++) {
    const a = trueGreedyAction(sub, session, all);
    const p = sub.clickProbability(session, a);
    total += alive * sub.expectedReward(session, a);
    alive *= p + (1 - p) * (1 - leave);
    sub.advance(session, a, p);
  }
  return total;
}

function argmaxItem(candidates: readonly number[], values: Float64Array): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
  return candidates[best];
}

/** A policy for `evaluatePolicy` that shows the candidate with the highest `rolloutValues`. */
export function rolloutPlanner(
  simulator: UserSimulator,
  options: RolloutPlannerOptions = {},
): TrueModelPolicy {
  return (observation, _rng, session) =>
    argmaxItem(observation.candidates, rolloutValues(simulator, session, observation.candidates, options));
}

/** `trueGreedyAction` as a policy for `evaluatePolicy`. */
export function trueGreedyPolicy(simulator: UserSimulator): TrueModelPolicy {
  return (observation, _rng, session) => trueGreedyAction(simulator, session, observation.candidates);
}

const restricted = new WeakMap<readonly number[], { simulator: UserSimulator; sub: UserSimulator }>();

/** The simulator with only the candidate items (cached per candidate array). */
function restrict(simulator: UserSimulator, candidates: readonly number[]): UserSimulator {
  const cached = restricted.get(candidates);
  if (cached && cached.simulator === simulator) return cached.sub;
  const sub = new UserSimulator(
    candidates.map((i) => simulator.items[i]),
    simulator.profiles,
    simulator.settings,
  );
  restricted.set(candidates, { simulator, sub });
  return sub;
}

function toLocal(session: SimulatedSession, candidates: readonly number[]): SimulatedSession {
  return {
    ...copy(session),
    fatigue: Float64Array.from(candidates, (i) => session.fatigue[i]),
    shown: [],
    clicked: [],
    bought: [],
  };
}

function copy(session: SimulatedSession): SimulatedSession {
  return {
    profile: session.profile,
    interest: session.interest.slice(),
    fatigue: session.fatigue.slice(),
    context: session.context,
    step: session.step,
    done: session.done,
    shown: [...session.shown],
    clicked: [...session.clicked],
    bought: [...session.bought],
  };
}
