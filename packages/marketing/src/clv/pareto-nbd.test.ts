import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { readCdnowSummary } from './__fixtures__/cdnow';
import {
  paretoNbdConditionalExpectedPurchases,
  paretoNbdProbabilityAlive,
  paretoNbdTotalLogLikelihood,
} from './pareto-nbd';
import { ParetoNbdModel } from './pareto-nbd-model';
import { compressRfm } from './rfm-data';
import { simulateParetoNbd } from './simulate';

const cdnow = readCdnowSummary();
const rel = (actual: number, expected: number) => Math.abs(actual / expected - 1);
// Fader & Hardie (2005), "A note on implementing the Pareto/NBD model in MATLAB": on CDNOW,
// r = 0.5533, alpha = 10.5776, s = 0.6061, beta = 11.6650, LL = -9594.98.
const published = { r: 0.5533, alpha: 10.5776, s: 0.6061, beta: 11.665 };

describe('Pareto/NBD', () => {
  it('log-likelihood at the published estimates matches an independent quadrature of A0', () => {
    // scipy.integrate.quad of s * int_{tx}^{T} (alpha+u)^-(r+x) (beta+u)^-(s+1) du per customer,
    // summed over cdnow_sample_summary.csv: -9594.973931221968.
    expect(paretoNbdTotalLogLikelihood(published, compressRfm(cdnow))).toBeCloseTo(-9594.973931221968, 5);
  });

  it('fits CDNOW to the published estimates', () => {
    const model = new ParetoNbdModel().fit(cdnow);
    const fitted = model.parameters;
    for (const key of ['r', 'alpha', 's', 'beta'] as const)
      expect(rel(fitted[key], published[key])).toBeLessThan(1e-3);
    expect(model.fitSummary.logLikelihood).toBeCloseTo(-9594.98, 1);
  });

  // mpmath 1.3.0 (50 digits), A0 by mpmath.quad (by mpmath.hyp2f1 for x = 150, where quad needs
  // subdivision), P(alive) by F&H eq. (24), E[Y] by eq. (27).
  it('P(alive) and the conditional expectation match mpmath, in both 2F1 branches', () => {
    expect(paretoNbdProbabilityAlive(published, { frequency: 2, recency: 30.43, T: 38.86 })).toBeCloseTo(
      0.869133351256008,
      10,
    );
    expect(paretoNbdProbabilityAlive(published, { frequency: 0, recency: 0, T: 38.86 })).toBeCloseTo(
      0.295107797196052,
      10,
    );
    expect(
      rel(
        paretoNbdProbabilityAlive(published, { frequency: 150, recency: 20, T: 300 }),
        1.72954631630734e-150,
      ),
    ).toBeLessThan(1e-8);
    expect(
      paretoNbdConditionalExpectedPurchases(published, { frequency: 2, recency: 30.43, T: 38.86 }, 39),
    ).toBeCloseTo(1.45518828197978, 9);
    expect(
      paretoNbdConditionalExpectedPurchases(published, { frequency: 0, recency: 0, T: 38.86 }, 39),
    ).toBeCloseTo(0.107071104526263, 9);
    const swapped = { r: 0.8, alpha: 2, s: 1.7, beta: 25 };
    expect(paretoNbdProbabilityAlive(swapped, { frequency: 3, recency: 10, T: 30 })).toBeCloseTo(
      0.0702826594127518,
      10,
    );
    expect(paretoNbdProbabilityAlive(swapped, { frequency: 60, recency: 29, T: 30 })).toBeCloseTo(
      0.911601785891044,
      10,
    );
  });

  it('P(alive) beyond the series range (2F1 argument > 0.88, A0 by quadrature) matches mpmath', () => {
    // mpmath.quad at 40 digits of F&H eq. (24).
    const wide = { r: 0.5, alpha: 20, s: 0.8, beta: 0.5 };
    expect(paretoNbdProbabilityAlive(wide, { frequency: 3, recency: 0.5, T: 30 })).toBeCloseTo(
      0.00421869412427567,
      12,
    );
    const narrow = { r: 0.5, alpha: 0.01, s: 0.8, beta: 30 };
    expect(
      rel(paretoNbdProbabilityAlive(narrow, { frequency: 40, recency: 0.2, T: 30 }), 2.15540593353124e-84),
    ).toBeLessThan(1e-8);
  });

  it('P(alive) is 1 for a customer who bought at the end of the window', () => {
    expect(paretoNbdProbabilityAlive(published, { frequency: 4, recency: 20, T: 20 })).toBe(1);
  });
});

describeEstimator('ParetoNbdModel', {
  create: () => new ParetoNbdModel(),
  data: () => simulateParetoNbd(published, { customers: 200, T: 39, seed: 1 }),
  otherData: () => simulateParetoNbd(published, { customers: 200, T: 39, seed: 2 }),
  fit: (model, data) => model.fit(data),
  predict: (model, data) => model.predict(data.slice(0, 20), 10),
  fromJSON: (json) => ParetoNbdModel.fromJSON(json),
});
