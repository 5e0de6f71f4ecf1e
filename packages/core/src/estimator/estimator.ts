import { NotFittedError } from '../errors/not-fitted-error';
import type { ModelJson } from './model-json';

/**
 * The estimator contract every model in ShopPilot follows (scikit-learn's, adapted):
 * - the constructor takes options only and does no work;
 * - `fit()` learns from data, replaces any earlier state, and returns `this` (or a promise of it);
 * - `predict()` before `fit()` throws `NotFittedError`;
 * - `toJSON()` gives `{ kind, version, options, state }` and a static `fromJSON()` validates it.
 */
export interface Estimator<TOptions = unknown, TState = unknown> {
  readonly kind: string;
  readonly options: Readonly<TOptions>;
  readonly isFitted: boolean;
  toJSON(): ModelJson<TOptions, TState>;
}

/**
 * A thin base class holding options and learned state. Subclasses implement `fit` (which calls
 * `setState`) and their own `predict` (which calls `requireState`).
 */
export abstract class BaseEstimator<TOptions, TState> implements Estimator<TOptions, TState> {
  abstract readonly kind: string;
  /** Format version of the serialised state. */
  protected readonly version: number = 1;
  readonly options: Readonly<TOptions>;
  #state: TState | undefined;

  constructor(options: TOptions) {
    this.options = Object.freeze({ ...options });
  }

  get isFitted(): boolean {
    return this.#state !== undefined;
  }

  /** Replaces the learned state (called at the end of `fit`). */
  protected setState(state: TState): this {
    this.#state = state;
    return this;
  }

  /** The learned state, or `NotFittedError` naming the estimator and the method. */
  protected requireState(method = 'predict'): TState {
    if (this.#state === undefined) throw new NotFittedError({ estimator: this.constructor.name, method });
    return this.#state;
  }

  toJSON(): ModelJson<TOptions, TState> {
    return {
      kind: this.kind,
      version: this.version,
      options: { ...this.options },
      state: this.#state ?? null,
    };
  }
}
