import { describe, expect, it } from 'vitest';
import { InvalidModelJsonError } from '../errors/invalid-model-json-error';
import { describeEstimator } from '../testing/describe-estimator';
import { BaseEstimator } from './estimator';
import { type ModelJson, parseModelJson } from './model-json';

interface MeanOptions {
  shrinkage?: number;
}

/** A toy estimator (shrunken mean) that exercises the contract and the conformance suite. */
class ShrunkMean extends BaseEstimator<MeanOptions, { mean: number }> {
  readonly kind = 'test.shrunk-mean';

  fit(values: number[]): this {
    const shrinkage = this.options.shrinkage ?? 0;
    const mean = values.reduce((a, b) => a + b, 0) / (values.length + shrinkage);
    return this.setState({ mean });
  }

  predict(count: number): number[] {
    const { mean } = this.requireState();
    return Array.from({ length: count }, () => mean);
  }

  static fromJSON(json: unknown): ShrunkMean {
    const parsed = parseModelJson<MeanOptions, { mean: number }>(json, {
      kind: 'test.shrunk-mean',
      version: 1,
    });
    const model = new ShrunkMean(parsed.options);
    if (parsed.state !== null) {
      if (typeof parsed.state?.mean !== 'number') {
        throw new InvalidModelJsonError({
          kind: 'test.shrunk-mean',
          path: 'state.mean',
          message: 'expected a number',
        });
      }
      model.setState(parsed.state);
    }
    return model;
  }
}

describeEstimator('ShrunkMean', {
  create: () => new ShrunkMean({ shrinkage: 1 }),
  data: () => [1, 2, 3, 4],
  otherData: () => [10, 20],
  fit: (model, data) => model.fit(data),
  predict: (model) => model.predict(3),
  fromJSON: (json) => ShrunkMean.fromJSON(json),
});

describe('BaseEstimator', () => {
  it('computes the known answer and serialises options and state', () => {
    const model = new ShrunkMean({ shrinkage: 1 }).fit([1, 2, 3, 4]);
    expect(model.predict(2)).toEqual([2, 2]);
    const json: ModelJson = model.toJSON();
    expect(json).toEqual({
      kind: 'test.shrunk-mean',
      version: 1,
      options: { shrinkage: 1 },
      state: { mean: 2 },
    });
  });

  it('names the path of a bad state', () => {
    expect(() =>
      ShrunkMean.fromJSON({ kind: 'test.shrunk-mean', version: 1, options: {}, state: { mean: 'x' } }),
    ).toThrow(/state\.mean/);
  });
});
