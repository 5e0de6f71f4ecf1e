import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { readCdnowSummary } from './__fixtures__/cdnow';
import { gammaGammaExpectedSpend } from './gamma-gamma';
import { GammaGammaModel } from './gamma-gamma-model';

const cdnow = readCdnowSummary();
const rel = (actual: number, expected: number) => Math.abs(actual / expected - 1);

describe('Gamma-Gamma on CDNOW repeat buyers', () => {
  it('recovers p = 6.25, q = 3.74, v = 15.45 (lifetimes documentation) on the 946 repeat buyers', () => {
    const model = new GammaGammaModel().fit(cdnow);
    const { p, q, v } = model.parameters;
    expect(model.fitSummary.customers).toBe(946);
    expect(rel(p, 6.25)).toBeLessThan(2e-3);
    expect(rel(q, 3.74)).toBeLessThan(2e-3);
    expect(rel(v, 15.45)).toBeLessThan(2e-3);
  });

  it('expected spend is the posterior mean p (v + x zbar) / (p x + q - 1) (mpmath)', () => {
    const params = { p: 6.25, q: 3.74, v: 15.45 };
    expect(gammaGammaExpectedSpend(params, { frequency: 2, monetaryValue: 22.35 })).toBeCloseTo(
      24.6678149606299,
      10,
    );
    expect(gammaGammaExpectedSpend(params, { frequency: 1, monetaryValue: 11.77 })).toBeCloseTo(
      18.9238042269188,
      10,
    );
    expect(gammaGammaExpectedSpend(params, { frequency: 0, monetaryValue: 0 })).toBeCloseTo(
      (6.25 * 15.45) / 2.74,
      10,
    );
  });

  it('rejects a repeat customer without a positive spend, naming the row', () => {
    expect(() => new GammaGammaModel().fit([{ frequency: 2, monetaryValue: 0 }])).toThrow(
      /row 1.*monetaryValue/,
    );
  });
});

describeEstimator('GammaGammaModel', {
  create: () => new GammaGammaModel(),
  data: () => cdnow.slice(0, 600),
  otherData: () => cdnow.slice(600, 1200),
  fit: (model, data) => model.fit(data),
  predict: (model, data) => model.predict(data.slice(0, 20)),
  fromJSON: (json) => GammaGammaModel.fromJSON(json),
});
