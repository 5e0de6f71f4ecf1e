import { createRng } from '@shoppilot/core';
import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { ChurnClassifier } from './churn-classifier';

// Reference: scipy 1.17.1 BFGS (gtol 1e-12) on the same objective, sum log(1+e^eta) - y eta +
// 1/2 ||w||^2 over population-standardised features (script: /tmp/logit_ref.py in the commit's
// spirit: `minimize(f, zeros(3), method='BFGS')`).
const X = [
  [1, 20],
  [3, 15],
  [0, 40],
  [5, 3],
  [2, 25],
  [7, 2],
  [1, 33],
  [4, 8],
  [6, 6],
  [0, 50],
  [3, 12],
  [2, 30],
];
const y = [1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0];

describe('ChurnClassifier (L2 logistic regression)', () => {
  it('matches scipy on the penalised objective', () => {
    const model = new ChurnClassifier({ l2: 1, featureNames: ['orders', 'daysSinceLast'] }).fit(X, y);
    const { intercept, weights } = model.coefficients;
    expect(intercept).toBeCloseTo(0.6396551693728606, 6);
    expect(weights.orders).toBeCloseTo(-0.49735417459063735, 6);
    expect(weights.daysSinceLast).toBeCloseTo(0.03599785990137027, 6);
  });

  it('recovers known coefficients from simulated labels (n = 20,000, no penalty)', () => {
    const rng = createRng(11);
    const features: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = [rng.normal(), rng.normal(2, 3)];
      const eta = -1 + 1.5 * row[0] - 0.4 * row[1];
      features.push(row);
      labels.push(rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
    }
    const { intercept, weights } = new ChurnClassifier({ l2: 0 }).fit(features, labels).coefficients;
    expect(intercept).toBeCloseTo(-1, 1);
    expect(weights.x0).toBeCloseTo(1.5, 1);
    expect(weights.x1).toBeCloseTo(-0.4, 1);
  });

  it('names the row of a bad label and checks dimensions', () => {
    expect(() => new ChurnClassifier().fit([[1], [2]], [0, 2])).toThrow(/row 2.*label/);
    const model = new ChurnClassifier().fit(X, y);
    expect(() => model.predict([[1, 2, 3]])).toThrow(/row 1/);
  });
});

describeEstimator('ChurnClassifier', {
  create: () => new ChurnClassifier({ l2: 0.5 }),
  data: () => ({ X, y }),
  otherData: () => ({ X: X.slice(0, 8), y: y.slice(0, 8) }),
  fit: (model, data) => model.fit(data.X, data.y),
  predict: (model, data) => model.predictProbability(data.X),
  fromJSON: (json) => ChurnClassifier.fromJSON(json),
});
