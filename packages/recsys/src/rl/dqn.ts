import {
  BaseEstimator,
  createRng,
  InvalidModelJsonError,
  type LongRunningOptions,
  parseModelJson,
  type Rng,
  throwIfAborted,
  yieldToEventLoop,
} from '@shoppilot/core';
import { Mlp } from './mlp';
import { candidateItems, featureCount, featureVector, type Observation, observe } from './observation';
import { ReplayBuffer } from './replay-buffer';
import type { UserSimulator } from './user-simulator';

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
  /** Huber loss threshold on the TD error (errors beyond it count linearly). Huber regression is
   * biased towards the median for skewed rewards, so keep it above the reward scale. Default 10. */
  huberDelta?: number;
  seed?: number;
}

interface Transition {
  observation: Observation;
  action: number;
  reward: number;
  done: boolean;
  next: Observation;
}

interface DqnState {
  sizes: number[];
  weights: number[][];
  biases: number[][];
  /** Mean Huber loss per 1,000 updates (training curve). */
  losses: number[];
}

const KIND = 'recsys.dqn';

/**
 * A DQN recommender (Mnih et al. 2015) with Double-DQN targets (van Hasselt et al. 2016),
 * experience replay, a periodically synced target network and a linear ε schedule, trained in a
 * `UserSimulator`. The Q-network scores (observation, candidate item) pairs, so it handles any
 * candidate set. With `gamma: 0` the same machinery learns the one-step reward model whose argmax
 * is the greedy baseline.
 */
export class DqnRecommender extends BaseEstimator<DqnOptions, DqnState> {
  readonly kind = KIND;
  #network: Mlp | undefined;

  constructor(options: DqnOptions = {}) {
    super(options);
  }

  async fit(simulator: UserSimulator, run: LongRunningOptions = {}): Promise<this> {
    const o = this.#settings();
    const rng = createRng(o.seed);
    const sizes = [featureCount(simulator.dimension), ...o.hidden, 1];
    const online = new Mlp(sizes, o.seed + 1);
    const target = new Mlp(sizes, o.seed + 1);
    const buffer = new ReplayBuffer<Transition>(o.replayCapacity);
    const totalSteps = o.episodes * simulator.settings.sessionLength;
    const losses: number[] = [];
    let steps = 0;
    let updates = 0;
    let lossSum = 0;
    for (let episode = 0; episode < o.episodes; episode++) {
      throwIfAborted(run.signal);
      const session = simulator.reset(rng);
      const candidates = candidateItems(simulator, session.profile, o.candidates);
      while (!session.done) {
        const observation = observe(session, candidates, simulator.settings.sessionLength);
        const epsilon = epsilonAt(steps, totalSteps, o.epsilon);
        const action =
          rng.next() < epsilon
            ? candidates[rng.int(candidates.length)]
            : bestAction(online, simulator, observation).item;
        const outcome = simulator.step(session, action, rng);
        buffer.push({
          observation,
          action,
          reward: outcome.reward,
          done: outcome.done,
          next: observe(session, candidates, simulator.settings.sessionLength),
        });
        steps++;
        if (buffer.size >= o.warmup && steps % o.trainEvery === 0) {
          lossSum += this.#update(online, target, simulator, buffer.sample(o.batchSize, rng));
          if (++updates % o.targetSync === 0) target.copyFrom(online);
          if (updates % 1000 === 0) {
            losses.push(lossSum / 1000);
            lossSum = 0;
          }
        }
      }
      if (episode % 100 === 99) {
        run.onProgress?.({
          stage: 'dqn',
          completed: episode + 1,
          total: o.episodes,
          metrics: { loss: losses[losses.length - 1] ?? Number.NaN },
        });
        await yieldToEventLoop();
      }
    }
    this.#network = online;
    return this.setState({
      sizes,
      weights: online.weights.map((w) => Array.from(w)),
      biases: online.biases.map((b) => Array.from(b)),
      losses,
    });
  }

  #settings() {
    const o = this.options;
    return {
      gamma: o.gamma ?? 0.9,
      hidden: o.hidden ?? [64, 32],
      episodes: o.episodes ?? 3000,
      candidates: o.candidates ?? 30,
      learningRate: o.learningRate ?? 0.001,
      replayCapacity: o.replayCapacity ?? 50_000,
      batchSize: o.batchSize ?? 32,
      trainEvery: o.trainEvery ?? 2,
      targetSync: o.targetSync ?? 200,
      double: o.double ?? true,
      epsilon: o.epsilon ?? { start: 1, end: 0.05, fraction: 0.6 },
      warmup: o.warmup ?? 1000,
      huberDelta: o.huberDelta ?? 10,
      seed: o.seed ?? 0,
    };
  }

  #update(online: Mlp, target: Mlp, simulator: UserSimulator, batch: Transition[]): number {
    const o = this.#settings();
    const inputs = batch.map((t) => featureVector(simulator, t.observation, t.action));
    const targets = batch.map((t) => {
      if (t.done || o.gamma === 0) return t.reward;
      const chosen = bestAction(o.double ? online : target, simulator, t.next).item;
      return t.reward + o.gamma * target.predict(featureVector(simulator, t.next, chosen));
    });
    return online.train(inputs, targets, o.learningRate, o.huberDelta);
  }

  /** The candidate with the highest Q-value for an observation. */
  act(simulator: UserSimulator, observation: Observation): { item: number; q: number } {
    return bestAction(this.#net(), simulator, observation);
  }

  /** Q-values of every candidate of an observation. */
  qValues(simulator: UserSimulator, observation: Observation): Float64Array {
    const net = this.#net();
    return Float64Array.from(observation.candidates, (item) =>
      net.predict(featureVector(simulator, observation, item)),
    );
  }

  /** Candidates per session (the same set the agent was trained on). */
  get candidateCount(): number {
    return this.#settings().candidates;
  }

  get losses(): number[] {
    return [...this.requireState('losses').losses];
  }

  #net(): Mlp {
    if (this.#network) return this.#network;
    const state = this.requireState('act');
    const net = new Mlp(state.sizes, 0);
    state.weights.forEach((w, l) => {
      net.weights[l].set(w);
    });
    state.biases.forEach((b, l) => {
      net.biases[l].set(b);
    });
    this.#network = net;
    return net;
  }

  static fromJSON(json: unknown): DqnRecommender {
    const parsed = parseModelJson<DqnOptions, DqnState>(json, { kind: KIND, version: 1 });
    const model = new DqnRecommender(parsed.options);
    if (parsed.state === null) return model;
    const s = parsed.state;
    const ok =
      s &&
      Array.isArray(s.sizes) &&
      Array.isArray(s.weights) &&
      Array.isArray(s.biases) &&
      s.weights.length === s.sizes.length - 1 &&
      s.weights.every((w, l) => Array.isArray(w) && w.length === s.sizes[l] * s.sizes[l + 1]) &&
      s.biases.every((b, l) => Array.isArray(b) && b.length === s.sizes[l + 1]);
    if (!ok)
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state',
        message: 'expected sizes with matching weights and biases',
      });
    return model.setState({ ...s, losses: Array.isArray(s.losses) ? s.losses : [] });
  }
}

function bestAction(
  net: Mlp,
  simulator: UserSimulator,
  observation: Observation,
): { item: number; q: number } {
  let item = observation.candidates[0];
  let q = Number.NEGATIVE_INFINITY;
  for (const candidate of observation.candidates) {
    const value = net.predict(featureVector(simulator, observation, candidate));
    if (value > q) {
      q = value;
      item = candidate;
    }
  }
  return { item, q };
}

function epsilonAt(
  step: number,
  total: number,
  schedule: { start: number; end: number; fraction: number },
): number {
  const progress = Math.min(1, step / Math.max(1, schedule.fraction * total));
  return schedule.start + (schedule.end - schedule.start) * progress;
}

/** A policy for `evaluatePolicy`: picks an item for an observation. */
export type Policy = (observation: Observation, rng: Rng) => number;
