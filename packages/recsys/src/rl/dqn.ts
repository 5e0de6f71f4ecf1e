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
import { type DqnOptions, type DqnSettings, type DqnState, dqnSettings, isDqnState } from './dqn-options';
import { bestAction, epsilonAt, meanOrOne, scoreOf } from './dqn-support';
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
import { QNetwork } from './q-network';
import { ReplayBuffer } from './replay-buffer';
import type { UserSimulator } from './user-simulator';

type Transition = NStepTransition<Observation>;

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

  #settings(): DqnSettings {
    return dqnSettings(this.options);
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
    if (!isDqnState(s))
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
