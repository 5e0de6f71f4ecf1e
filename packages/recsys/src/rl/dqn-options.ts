import { matches } from './dqn-support';
import type { MlpState } from './q-network';

export interface DqnOptions {
  /** Discount γ; 0 gives the greedy one-step reward model. Default 0.9. */
  gamma?: number;
  /** Hidden layer sizes. Default [64, 32]. */
  hidden?: number[];
  /** Training sessions. Default 3,000. */
  episodes?: number;
  /** Candidate items per session (chosen from by the policy). Default 30. */
  candidates?: number;
  /** Adam step. Default 0.001. */
  learningRate?: number;
  /** Replay capacity. Default 50,000. */
  replayCapacity?: number;
  /** Minibatch size. Default 32. */
  batchSize?: number;
  /** One update every this many environment steps. Default 2. */
  trainEvery?: number;
  /** Target-network sync every this many updates. Default 200. */
  targetSync?: number;
  /** Double DQN (online network picks, target network evaluates). Default true. */
  double?: boolean;
  /** ε schedule: from `start` to `end` linearly over the first `fraction` of training steps. Default 1 → 0.05 over 0.6. */
  epsilon?: { start: number; end: number; fraction: number };
  /** Transitions collected before the first update. Default 1,000. */
  warmup?: number;
  /** Huber loss threshold on the TD error in scaled reward units (errors beyond it count
   * linearly). Huber regression is biased towards the median for skewed rewards, so keep it above
   * the scaled reward. Default 10. */
  huberDelta?: number;
  /** Rewards are divided by this before learning (Q-values are reported in the original units).
   * `'auto'`: the mean absolute reward per step of the warm-up transitions (so a step is worth ~1
   * and the default initialisation and step size fit the targets). Default `'auto'`. */
  rewardScale?: number | 'auto';
  /** Rewards summed before bootstrapping (n-step returns). Default 1. */
  nStep?: number;
  /** Q = r̂ + Ĉ with an immediate-reward head and a continuation head (see `QNetwork`); the
   * immediate head alone is the greedy one-step model of the same training. Default true. */
  decomposed?: boolean;
  /** Keep r̂ as initialised (with `fit(…, { warmStart })`): only the continuation learns. Default false. */
  freezeImmediate?: boolean;
  seed?: number;
}

/** `DqnOptions` with every default filled in. */
export type DqnSettings = ReturnType<typeof dqnSettings>;

/** The options with their documented defaults. */
export function dqnSettings(options: DqnOptions) {
  return {
    gamma: options.gamma ?? 0.9,
    hidden: options.hidden ?? [64, 32],
    episodes: options.episodes ?? 3000,
    candidates: options.candidates ?? 30,
    learningRate: options.learningRate ?? 0.001,
    replayCapacity: options.replayCapacity ?? 50_000,
    batchSize: options.batchSize ?? 32,
    trainEvery: options.trainEvery ?? 2,
    targetSync: options.targetSync ?? 200,
    double: options.double ?? true,
    epsilon: options.epsilon ?? { start: 1, end: 0.05, fraction: 0.6 },
    warmup: options.warmup ?? 1000,
    huberDelta: options.huberDelta ?? 10,
    rewardScale: options.rewardScale ?? 'auto',
    nStep: options.nStep ?? 1,
    decomposed: options.decomposed ?? true,
    freezeImmediate: options.freezeImmediate ?? false,
    seed: options.seed ?? 0,
  };
}

/** What a fitted `DqnRecommender` stores (its `toJSON` state). */
export interface DqnState {
  sizes: number[];
  /** The Q-network (plain) or the immediate-reward head (decomposed). */
  weights: number[][];
  biases: number[][];
  /** The continuation's action head and state baseline (decomposed only). */
  continuation?: MlpState & { sizes: number[] };
  baseline?: MlpState & { sizes: number[] };
  /** Rewards were divided by this in training. */
  rewardScale?: number;
  /** Mean Huber loss per 1,000 updates (training curve). */
  losses: number[];
}

/** Whether parsed JSON is a well-formed `DqnState`: layer sizes matching every weight and bias. */
export function isDqnState(s: DqnState | undefined): s is DqnState {
  return Boolean(
    s &&
      Array.isArray(s.sizes) &&
      matches(s.sizes, s) &&
      (s.continuation === undefined) === (s.baseline === undefined) &&
      [s.continuation, s.baseline].every(
        (head) =>
          head === undefined ||
          (Array.isArray(head.sizes) &&
            head.sizes.slice(1).join() === s.sizes.slice(1).join() &&
            matches(head.sizes, head)),
      ) &&
      (s.rewardScale === undefined || (typeof s.rewardScale === 'number' && s.rewardScale > 0)),
  );
}
