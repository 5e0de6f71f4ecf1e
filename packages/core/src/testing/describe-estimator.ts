import { describe, expect, it } from 'vitest';
import { InvalidModelJsonError } from '../errors/invalid-model-json-error';
import { NotFittedError } from '../errors/not-fitted-error';
import type { Estimator } from '../estimator/estimator';
import { expectDeepClose } from './expect-deep-close';

export interface DescribeEstimatorOptions<E extends Estimator, TData> {
  /** Builds an unfitted estimator with fixed options (including its seed). */
  create: () => E;
  /** The training data. */
  data: () => TData | Promise<TData>;
  /** Different training data, to check that a refit replaces the earlier state. */
  otherData?: () => TData | Promise<TData>;
  /** Calls `fit` and returns what it returned. */
  fit: (estimator: E, data: TData) => E | Promise<E>;
  /** Produces predictions to compare (any JSON-like value, typed arrays allowed). */
  predict: (estimator: E, data: TData) => unknown | Promise<unknown>;
  /** The estimator's static `fromJSON`. */
  fromJSON: (json: unknown) => E | Promise<E>;
  /** Absolute tolerance when comparing predictions. Default 1e-9. */
  tolerance?: number;
  /** Whether two fits with the same seed give identical predictions. Default true. */
  deterministic?: boolean;
}

/**
 * The estimator conformance suite: every estimator in ShopPilot runs it from its own test file.
 * It checks the contract from DESIGN.md: options-only constructor, `fit` returns `this`,
 * `NotFittedError` before fit, `toJSON`/`fromJSON` round trip with validation, refit replaces state,
 * and seeded determinism.
 */
export function describeEstimator<E extends Estimator, TData>(
  name: string,
  options: DescribeEstimatorOptions<E, TData>,
): void {
  const tolerance = options.tolerance ?? 1e-9;
  const fitted = async (data?: TData) => {
    const estimator = options.create();
    await options.fit(estimator, data ?? (await options.data()));
    return estimator;
  };

  describe(`${name} (estimator contract)`, () => {
    it('constructs unfitted, and predict() before fit() throws NotFittedError', async () => {
      const estimator = options.create();
      expect(estimator.isFitted).toBe(false);
      expect(estimator.toJSON().state).toBeNull();
      const data = await options.data();
      await expect(async () => options.predict(estimator, data)).rejects.toSatisfy(NotFittedError.isInstance);
    });

    it('fit() returns the same instance and marks it fitted', async () => {
      const estimator = options.create();
      const returned = await options.fit(estimator, await options.data());
      expect(returned).toBe(estimator);
      expect(estimator.isFitted).toBe(true);
    });

    it('toJSON() gives { kind, version, options, state } and fromJSON() restores the same predictions', async () => {
      const estimator = await fitted();
      const json = estimator.toJSON();
      expect(Object.keys(json).sort()).toEqual(['kind', 'options', 'state', 'version']);
      expect(json.kind).toBe(estimator.kind);
      expect(Number.isInteger(json.version)).toBe(true);
      expect(json.state).not.toBeNull();
      const restored = await options.fromJSON(JSON.parse(JSON.stringify(json)));
      expect(restored.isFitted).toBe(true);
      const data = await options.data();
      expectDeepClose(
        await options.predict(restored, data),
        await options.predict(estimator, data),
        tolerance,
      );
    });

    it('fromJSON() rejects malformed input with InvalidModelJsonError', async () => {
      const json = (await fitted()).toJSON();
      const bad: unknown[] = [
        null,
        42,
        'not json {',
        [],
        { ...json, kind: `${json.kind}-other` },
        { ...json, version: json.version + 1000 },
        { kind: json.kind, version: json.version, options: json.options },
      ];
      for (const value of bad) {
        await expect(async () => options.fromJSON(value)).rejects.toSatisfy(InvalidModelJsonError.isInstance);
      }
    });

    it('fromJSON() of an unfitted model gives an unfitted estimator', async () => {
      const restored = await options.fromJSON(JSON.parse(JSON.stringify(options.create().toJSON())));
      expect(restored.isFitted).toBe(false);
      const data = await options.data();
      await expect(async () => options.predict(restored, data)).rejects.toSatisfy(NotFittedError.isInstance);
    });

    if (options.otherData) {
      const otherData = options.otherData;
      it('a second fit() replaces the state of the first', async () => {
        const data = await options.data();
        const other = await otherData();
        const refitted = await fitted(data);
        await options.fit(refitted, other);
        const fresh = await fitted(other);
        expectDeepClose(await options.predict(refitted, data), await options.predict(fresh, data), tolerance);
      });
    }

    if (options.deterministic ?? true) {
      it('is deterministic for a fixed seed', async () => {
        const data = await options.data();
        const a = await fitted(data);
        const b = await fitted(data);
        expectDeepClose(await options.predict(a, data), await options.predict(b, data), tolerance);
      });
    }
  });
}
