import {
  BaseEstimator,
  createRng,
  InvalidArgumentError,
  InvalidModelJsonError,
  type LongRunningOptions,
  parseModelJson,
  type Rng,
  throwIfAborted,
  yieldToEventLoop,
} from '@shoppilot/core';
import { bestAction, epsilonAt, matches, meanOrOne, scoreOf } from './dqn-support';
import { type NStepTransition, nStepTransitions, type RecordedStep } from './n-step';
import {
  candidateItems,
  featureCount,
  featureVector,
  type Observation,
  observe,
  stateFeatureCount,
  summaryFeatureCount,
} from './observation';
import { type MlpState, QNetwork } from './q-network';
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

type Transition = NStepTransition<Observation>;

interface DqnState {
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
  #network: QNetwork | undefined;

  constructor(options: DqnOptions = {}) {
    super(options);
  }

  /**
   * Trains in the simulator. `warmStart`: a fitted one-step model (e.g. `gamma: 0`, same `hidden`)
   * whose network initialises the immediate-reward head r̂ of a decomposed DQN (kept fixed with the
   * option `freezeImmediate`), so that the DQN and that greedy model share r̂ and differ only by
   * the learnt continuation.
   */
  async fit(
    simulator: UserSimulator,
    run: LongRunningOptions & { warmStart?: DqnRecommender } = {},
  ): Promise<this> {
    const o = this.#settings();
    const rng = createRng(o.seed);
    const sizes = [featureCount(simulator.dimension), ...o.hidden, 1];
    const d = simulator.dimension;
    const split = o.decomposed ? { state: stateFeatureCount(d), action: summaryFeatureCount(d) } : undefined;
    const online = new QNetwork(sizes, o.seed + 1, split);
    const target = new QNetwork(sizes, o.seed + 1, split);
    if (run.warmStart) {
      const warm = run.warmStart.requireState('warm start');
      if (!split || warm.sizes.join() !== sizes.join())
        throw new InvalidArgumentError({
          argument: 'warmStart',
          message: `needs decomposed: true and a model with the same layer sizes (${sizes.join('-')})`,
        });
      online.immediate.copyFrom(run.warmStart.#net().immediate);
      target.immediate.copyFrom(online.immediate);
    }
    const buffer = new ReplayBuffer<Transition>(o.replayCapacity);
    const totalSteps = o.episodes * simulator.settings.sessionLength;
    const losses: number[] = [];
    const warmupRewards: number[] = [];
    // A warm start keeps the reward units its r̂ was trained in.
    let scale = run.warmStart
      ? run.warmStart.#scale()
      : typeof o.rewardScale === 'number'
        ? o.rewardScale
        : 0;
    let steps = 0;
    let updates = 0;
    let lossSum = 0;
    for (let episode = 0; episode < o.episodes; episode++) {
      throwIfAborted(run.signal);
      const session = simulator.reset(rng);
      const candidates = candidateItems(simulator, session.profile, o.candidates);
      const recorded: RecordedStep<Observation>[] = [];
      while (!session.done) {
        const observation = observe(session, candidates, simulator.settings.sessionLength);
        const epsilon = epsilonAt(steps, totalSteps, o.epsilon);
        const action =
          rng.next() < epsilon
            ? candidates[rng.int(candidates.length)]
            : bestAction(online, simulator, observation).item;
        const outcome = simulator.step(session, action, rng);
        const next = observe(session, candidates, simulator.settings.sessionLength);
        recorded.push({ observation, action, reward: outcome.reward, done: outcome.done, next });
        if (scale === 0) warmupRewards.push(Math.abs(outcome.reward));
        steps++;
        if (buffer.size >= o.warmup && steps % o.trainEvery === 0) {
          if (scale === 0) scale = meanOrOne(warmupRewards);
          const batch = buffer.sample(o.batchSize, rng);
          lossSum += this.#update(online, target, simulator, batch, scale);
          if (++updates % o.targetSync === 0) target.copyFrom(online);
          if (updates % 1000 === 0) {
            losses.push(lossSum / 1000);
            lossSum = 0;
          }
        }
      }
      for (const t of nStepTransitions(recorded, o.nStep, o.gamma)) buffer.push(t);
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
    const { immediate, continuation, baseline } = online.toState();
    return this.setState({
      sizes,
      ...immediate,
      ...(continuation && baseline && split
        ? {
            continuation: { ...continuation, sizes: [split.action, ...o.hidden, 1] },
            baseline: { ...baseline, sizes: [split.state, ...o.hidden, 1] },
          }
        : {}),
      rewardScale: scale || meanOrOne(warmupRewards),
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
      rewardScale: o.rewardScale ?? 'auto',
      nStep: o.nStep ?? 1,
      decomposed: o.decomposed ?? true,
      freezeImmediate: o.freezeImmediate ?? false,
      seed: o.seed ?? 0,
    };
  }

  #update(
    online: QNetwork,
    target: QNetwork,
    simulator: UserSimulator,
    batch: Transition[],
    scale: number,
  ): number {
    const o = this.#settings();
    const inputs = batch.map((t) => featureVector(simulator, t.observation, t.action));
    const first = batch.map((t) => t.reward / scale);
    const rest = batch.map((t) => {
      const later = t.laterRewards / scale;
      if (t.bootstrapDiscount === 0 || o.gamma === 0) return later;
      const chosen = bestAction(o.double ? online : target, simulator, t.next).item;
      return later + t.bootstrapDiscount * target.q(featureVector(simulator, t.next, chosen));
    });
    return online.train(inputs, first, rest, o.learningRate, o.huberDelta, !o.freezeImmediate);
  }

  /**
   * The candidate with the highest Q-value for an observation (`q` in reward units). With
   * `{ immediate: true }` (decomposed networks only): the highest immediate-reward estimate r̂ —
   * the greedy one-step policy of the same model.
   */
  act(
    simulator: UserSimulator,
    observation: Observation,
    options: { immediate?: boolean } = {},
  ): { item: number; q: number } {
    const best = bestAction(this.#net(), simulator, observation, this.#immediate(options));
    return { item: best.item, q: best.q * this.#scale() };
  }

  /** Q-values (reward units) of every candidate of an observation; r̂ with `{ immediate: true }`. */
  qValues(
    simulator: UserSimulator,
    observation: Observation,
    options: { immediate?: boolean } = {},
  ): Float64Array {
    const net = this.#net();
    const immediate = this.#immediate(options);
    const scale = this.#scale();
    return Float64Array.from(
      observation.candidates,
      (item) => scale * scoreOf(net, featureVector(simulator, observation, item), immediate),
    );
  }

  #immediate(options: { immediate?: boolean }): boolean {
    if (options.immediate && !this.#net().continuation)
      throw new InvalidArgumentError({
        argument: 'immediate',
        message: 'needs a decomposed Q-network (decomposed: true)',
      });
    return options.immediate ?? false;
  }

  #scale(): number {
    return this.requireState('act').rewardScale ?? 1;
  }

  /** Candidates per session (the same set the agent was trained on). */
  get candidateCount(): number {
    return this.#settings().candidates;
  }

  get losses(): number[] {
    return [...this.requireState('losses').losses];
  }

  #net(): QNetwork {
    if (this.#network) return this.#network;
    const state = this.requireState('act');
    const split =
      state.baseline && state.continuation
        ? { state: state.baseline.sizes[0], action: state.continuation.sizes[0] }
        : undefined;
    this.#network = new QNetwork(state.sizes, 0, split).load({
      immediate: state,
      continuation: state.continuation,
      baseline: state.baseline,
    });
    return this.#network;
  }

  static fromJSON(json: unknown): DqnRecommender {
    const parsed = parseModelJson<DqnOptions, DqnState>(json, { kind: KIND, version: 1 });
    const model = new DqnRecommender(parsed.options);
    if (parsed.state === null) return model;
    const s = parsed.state;
    const ok =
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
      (s.rewardScale === undefined || (typeof s.rewardScale === 'number' && s.rewardScale > 0));
    if (!ok)
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state',
        message: 'expected sizes with matching weights and biases (and continuation), rewardScale > 0',
      });
    return model.setState({ ...s, losses: Array.isArray(s.losses) ? s.losses : [] });
  }
}

/** A policy for `evaluatePolicy`: picks an item for an observation. */
export type Policy = (observation: Observation, rng: Rng) => number;
