import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { readCdnowSummary } from './__fixtures__/cdnow';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
} from './bg-nbd';
import { BgNbdModel } from './bg-nbd-model';

const cdnow = readCdnowSummary();
const rel = (actual: number, expected: number) => Math.abs(actual / expected - 1);

describe('BG/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  const model = new BgNbdModel().fit(cdnow);

  it('recovers the published estimates r=0.2426, alpha=4.4135, a=0.7929, b=2.4258 and LL=-9582.4', () => {
    const { r, alpha, a, b } = model.parameters;
    expect(rel(r, 0.2426)).toBeLessThan(1e-3);
    expect(rel(alpha, 4.4135)).toBeLessThan(1e-3);
    expect(rel(a, 0.7929)).toBeLessThan(1e-3);
    expect(rel(b, 2.4258)).toBeLessThan(1e-3);
    expect(model.fitSummary.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(model.fitSummary.converged).toBe(true);
  });

  // References: mpmath 1.3.0, 50 digits, closed forms of FHL 2005 eq. (9), (10), (13) at
  // r=0.242593, alpha=4.413616, a=0.792920, b=2.425891 (python3 script in the commit message's
  // spirit: `hyp2f1(r+x, b+x, a+b+x-1, t/(alpha+T+t))` etc.).
  const p = { r: 0.242593, alpha: 4.413616, a: 0.79292, b: 2.425891 };

  it('conditional expectation matches the paper (1.226 for customer 1) and mpmath', () => {
    expect(bgNbdConditionalExpectedPurchases(p, { frequency: 2, recency: 30.43, T: 38.86 }, 39)).toBeCloseTo(
      1.22590512776487,
      9,
    );
    expect(bgNbdConditionalExpectedPurchases(p, { frequency: 0, recency: 0, T: 38.86 }, 39)).toBeCloseTo(
      0.194780726950101,
      9,
    );
    expect(
      rel(
        bgNbdConditionalExpectedPurchases(p, { frequency: 15, recency: 37, T: 38.86 }, 52),
        12.2857857692987,
      ),
    ).toBeLessThan(1e-10);
    // A heavy buyer who stopped long ago: the naive formula under/overflows, the log-space one does not.
    expect(
      rel(
        bgNbdConditionalExpectedPurchases(p, { frequency: 400, recency: 300, T: 380 }, 100),
        1.32705085009312e-36,
      ),
    ).toBeLessThan(1e-8);
  });

  it('unconditional expectation and P(alive) match mpmath', () => {
    expect(bgNbdExpectedPurchases(p, 1)).toBeCloseTo(0.0531837916931454, 12);
    expect(bgNbdExpectedPurchases(p, 39)).toBeCloseTo(1.19499968665711, 10);
    expect(bgNbdExpectedPurchases(p, 78)).toBeCloseTo(1.85794295754952, 10);
    expect(bgNbdProbabilityAlive(p, { frequency: 2, recency: 30.43, T: 38.86 })).toBeCloseTo(
      0.726608853551709,
      12,
    );
    expect(
      rel(bgNbdProbabilityAlive(p, { frequency: 400, recency: 300, T: 380 }), 1.39932201955183e-38),
    ).toBeLessThan(1e-8);
    expect(bgNbdProbabilityAlive(p, { frequency: 0, recency: 0, T: 10 })).toBe(1);
  });

  it('log-likelihood stays finite for extreme histories', () => {
    expect(Number.isFinite(bgNbdLogLikelihood(p, 5000, 1, 4000))).toBe(true);
  });

  it('names the bad row in invalid input', () => {
    expect(() => new BgNbdModel().fit([{ frequency: 1, recency: 5, T: 3 }])).toThrow(/row 1.*recency/);
    expect(() => new BgNbdModel().fit([{ frequency: 0.5, recency: 0, T: 3 }])).toThrow(/frequency/);
  });
});

describeEstimator('BgNbdModel', {
  create: () => new BgNbdModel(),
  data: () => cdnow.slice(0, 400),
  otherData: () => cdnow.slice(400, 800),
  fit: (model, data) => model.fit(data),
  predict: (model, data) => model.predict(data.slice(0, 20), 10),
  fromJSON: (json) => BgNbdModel.fromJSON(json),
  tolerance: 1e-9,
});
