import type { Observation } from '../rl/observation';
import { type SimulatedItem, type SimulatorSettings, UserSimulator } from '../rl/user-simulator';

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * The trap world of the RL tests: H (item 0) pays 5 with click probability 0.3, C (item 1) pays 1
 * with 0.9; every click converts; 5 steps; a miss ends the session with probability 2/3 on
 * desktop and 1 on mobile (×1.5); no fatigue, drift or affinity unless `settings` say so.
 */
export function trapWorld(settings: Partial<SimulatorSettings> = {}): UserSimulator {
  const item = (embedding: number[], p: number, price: number): SimulatedItem => ({
    embedding: Float32Array.from(embedding),
    quality: logit(p),
    conversionLogit: 50,
    price,
  });
  return new UserSimulator([item([1, 0], 0.3, 5), item([0, 1], 0.9, 1)], [Float32Array.from([0, 0])], {
    affinity: 0,
    noClickUtility: 0,
    fatigue: 0,
    drift: 0,
    leaveAfterNoClick: 1 / 1.5,
    sessionLength: 5,
    ...settings,
  });
}

/** Exact expected return of a fixed plan (item per step) in the trap world when a miss ends the session with probability `leave`. */
export function trapPlanValue(plan: number[], leave: number): number {
  let alive = 1;
  let total = 0;
  for (const item of plan) {
    const [p, price] = item === 0 ? [0.3, 5] : [0.9, 1];
    total += alive * p * price;
    alive *= p + (1 - p) * (1 - leave);
  }
  return total;
}

/** A mobile trap-world observation after `shown` items (each clicked), both items candidates. */
export function trapObservation(sim: UserSimulator, shown: number[]): Observation {
  return {
    profile: sim.profiles[0],
    mobile: true,
    shown,
    clicked: shown.map(() => true),
    candidates: [0, 1],
    sessionLength: 5,
  };
}
