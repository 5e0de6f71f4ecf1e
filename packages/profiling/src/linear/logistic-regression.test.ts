import { readFileSync } from 'node:fs';
import { describeEstimator, expectDeepClose } from '@shoppilot/core/testing';
import { describe, it } from 'vitest';
import { LogisticRegression } from './logistic-regression';

// Iris (UCI, CC BY 4.0); label = virginica.
const rows = readFileSync(new URL('../segment/__fixtures__/iris.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').map(Number));
const labels = rows.map((_, i) => (i >= 100 ? 1 : 0));

describe('LogisticRegression (scikit-learn newton-cg on Iris, virginica vs rest)', () => {
  it('matches coefficients and intercept for C = 1', () => {
    // LogisticRegression(C=1.0, tol=1e-14, max_iter=10000, solver='newton-cg').fit(X, y)
    const state = new LogisticRegression({ C: 1 }).fit(rows, labels).toJSON().state;
    expectDeepClose(
      { weights: state?.weights, intercept: state?.intercept },
      {
        weights: [-0.39442692134872176, -0.5133297020711601, 2.9308643702083437, 2.417064716107403],
        intercept: -14.431263897088364,
      },
      1e-7,
    );
  });

  it('matches class-weighted fit (same solver, class_weight={0:1, 1:3}, C = 0.1)', () => {
    const state = new LogisticRegression({ C: 0.1, positiveWeight: 3 }).fit(rows, labels).toJSON().state;
    expectDeepClose(
      { weights: state?.weights, intercept: state?.intercept },
      {
        weights: [0.17582013097793642, -0.03590862481019011, 1.4765987241524818, 1.0146883329603236],
        intercept: -9.09577682684614,
      },
      1e-7,
    );
  });
});

describeEstimator('LogisticRegression', {
  create: () => new LogisticRegression({ C: 0.5 }),
  data: () => ({ x: rows, y: labels }),
  otherData: () => ({ x: rows.slice(40, 140), y: labels.slice(40, 140) }),
  fit: (model, data) => model.fit(data.x, data.y),
  predict: (model, data) => model.predictProba(data.x),
  fromJSON: (json) => LogisticRegression.fromJSON(json),
});
