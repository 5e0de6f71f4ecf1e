import { Mlp } from './mlp';

/** Weights of one Mlp as plain arrays (for JSON). */
export interface MlpState {
  weights: number[][];
  biases: number[][];
}

/**
 * The DQN's Q-function. Plain: one Mlp for Q(s, a). Decomposed: Q(s, a) = r̂(s, a) + B(s) + Â(s, a),
 * an immediate-reward head r̂ (regressed on r_t) plus the continuation split dueling-style (Wang et
 * al. 2016) into a state-only baseline B (an Mlp on the leading state features) and an action head
 * Â (on the leading state + action-summary features: fewer inputs, less variance), both regressed jointly on the discounted rest of the Double-DQN target. r̂ alone
 * is the one-step (greedy) model of the same training; B does not change which item is best.
 */
export class QNetwork {
  readonly immediate: Mlp;
  readonly continuation: Mlp | undefined;
  readonly baseline: Mlp | undefined;

  /** `split`: inputs of the state baseline B and of the continuation's action head Â (leading features). */
  constructor(sizes: number[], seed: number, split?: { state: number; action: number }) {
    this.immediate = new Mlp(sizes, seed);
    const rest = sizes.slice(1);
    this.continuation = split ? new Mlp([split.action, ...rest], seed + 7919) : undefined;
    this.baseline = split ? new Mlp([split.state, ...rest], seed + 104729) : undefined;
  }

  /** Q(s, a). */
  q(input: ArrayLike<number>): number {
    return this.advantage(input) + (this.baseline?.predict(input) ?? 0);
  }

  /** Q(s, a) − B(s): ranks the actions of one state like Q at less cost. */
  advantage(input: ArrayLike<number>): number {
    return this.immediate.predict(input) + (this.continuation?.predict(input) ?? 0);
  }

  copyFrom(other: QNetwork): void {
    this.immediate.copyFrom(other.immediate);
    if (this.continuation && other.continuation) this.continuation.copyFrom(other.continuation);
    if (this.baseline && other.baseline) this.baseline.copyFrom(other.baseline);
  }

  /**
   * One Adam step towards the TD targets `first + rest`: the plain network on their sum; the
   * decomposed one with r̂ on `first` and Ĉ on `rest`. Returns the loss.
   */
  train(
    inputs: readonly ArrayLike<number>[],
    first: readonly number[],
    rest: readonly number[],
    learningRate: number,
    huber: number,
    trainImmediate = true,
  ): number {
    if (!this.continuation || !this.baseline)
      return this.immediate.train(
        inputs,
        first.map((r, k) => r + rest[k]),
        learningRate,
        huber,
      );
    // Joint regression of B + Â on `rest`: each takes the step of the summed loss (the other fixed).
    const b = inputs.map((x) => (this.baseline as Mlp).predict(x));
    const a = inputs.map((x) => (this.continuation as Mlp).predict(x));
    const immediateLoss = trainImmediate ? this.immediate.train(inputs, first, learningRate, huber) : 0;
    const continuationLoss = this.continuation.train(
      inputs,
      rest.map((y, k) => y - b[k]),
      learningRate,
      huber,
    );
    this.baseline.train(
      inputs,
      rest.map((y, k) => y - a[k]),
      learningRate,
      huber,
    ); // the same residuals as the line above (before either step), so its loss is not added again
    return immediateLoss + continuationLoss;
  }

  toState(): { immediate: MlpState; continuation?: MlpState; baseline?: MlpState } {
    const of = (net: Mlp): MlpState => ({
      weights: net.weights.map((w) => Array.from(w)),
      biases: net.biases.map((b) => Array.from(b)),
    });
    return this.continuation && this.baseline
      ? { immediate: of(this.immediate), continuation: of(this.continuation), baseline: of(this.baseline) }
      : { immediate: of(this.immediate) };
  }

  load(state: { immediate: MlpState; continuation?: MlpState; baseline?: MlpState }): this {
    const set = (net: Mlp, s: MlpState) => {
      s.weights.forEach((w, l) => {
        net.weights[l].set(w);
      });
      s.biases.forEach((b, l) => {
        net.biases[l].set(b);
      });
    };
    set(this.immediate, state.immediate);
    if (this.continuation && state.continuation) set(this.continuation, state.continuation);
    if (this.baseline && state.baseline) set(this.baseline, state.baseline);
    return this;
  }
}
