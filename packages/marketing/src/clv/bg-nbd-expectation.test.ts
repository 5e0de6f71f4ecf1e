import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { readCdnowSummary } from './__fixtures__/cdnow';
import { bgNbdConditionalExpectedPurchases, bgNbdCumulativeExpectedPurchases } from './bg-nbd';
import { bgNbdAliveExpectation } from './bg-nbd-expectation';
import { BgNbdModel } from './bg-nbd-model';
import { customerLifetimeValue } from './lifetime-value';
import type { RfmRow } from './rfm-data';

const rel = (actual: number, expected: number) => Math.abs(actual / expected - 1);

// The unpenalised BG/NBD fit on the Online Retail subset (weeks): a -> 0, b ~ 2e5. The 2F1 form
// of FHL eq. (10) loses every digit here (and took 95 s for 1,484 customers, 218 NaN).
const boundary = {
  r: 0.8123893459296676,
  alpha: 10.006673490197462,
  a: 3.2598209887142053e-9,
  b: 222863.36962904833,
};

// References: mpmath 1.3.0 at 80 digits (python3, `mp.dps = 80`):
// - boundary rows: FHL eq. (10) as written, (a+b+x-1)/(a-1) (1 - ((al+T)/(al+T+t))^(r+x)
//   hyp2f1(r+x, b+x, a+b+x-1, t/(al+T+t))) / (1 + a/(b+x-1) ((al+T)/(al+tx))^(r+x));
// - other rows: an independent route without any 2F1, quad of p^(a-2) (1-p)^(b+x-1)
//   (1 - (1 + p t/(al+T))^-(r+x)) over [0, 1e-3, 0.5, 1] / beta(a, b+x), divided by the same
//   (1 + odds) (a = 1 and a + b < 1 are where eq. (10)'s prefactor is 0/0 or negative).
const cases: Array<[string, typeof boundary, number, number, number, number, number]> = [
  ['boundary, x = 0', boundary, 0, 0, 30, 52, 1.0559299812490728],
  ['boundary, x = 1, one CLV step', boundary, 1, 20, 40, 30 / 7, 0.15532692676807316],
  ['boundary, x = 12', boundary, 12, 40.5, 52.7, 52, 10.624774189182284],
  ['boundary, x = 200', boundary, 200, 52, 53, 52, 165.7323529006248],
  ['b = 1e12', { r: 0.8, alpha: 10, a: 1e-3, b: 1e12 }, 5, 10, 30, 52, 7.539999999999547],
  ['a = 1 exactly', { r: 0.5, alpha: 3, a: 1, b: 2 }, 3, 10, 20, 26, 1.0126122419726356],
  ['a + b < 1, x = 0', { r: 0.6, alpha: 2, a: 0.3, b: 0.4 }, 0, 0, 5, 52, 2.147716989060501],
  ['r large', { r: 12, alpha: 3, a: 0.5, b: 0.5 }, 2, 4, 10, 30, 0.006899013826418642],
  ['t/(alpha+T) = 95', { r: 0.7, alpha: 0.05, a: 0.8, b: 2.4 }, 0, 0, 0.5, 52, 9.390038690645339],
  [
    'CDNOW customer 1',
    { r: 0.242593, alpha: 4.413616, a: 0.79292, b: 2.425891 },
    2,
    30.43,
    38.86,
    39,
    1.2259051277648685,
  ],
];

describe('BG/NBD E[Y(t) | history] by the positive series', () => {
  it.each(cases)('%s matches mpmath to 1e-13', (_, params, x, tx, T, t, expected) => {
    const value = bgNbdConditionalExpectedPurchases(params, { frequency: x, recency: tx, T }, t);
    expect(rel(value, expected)).toBeLessThan(1e-13);
  });

  it('reaches the NBD limit (r+x) t/(alpha+T) as a -> 0 (closed form)', () => {
    for (const [m, u] of [
      [0.8, 0.1],
      [5.3, 1.7],
      [150.2, 6],
    ]) {
      expect(rel(bgNbdAliveExpectation(m, 1e-12, 3, u), m * u)).toBeLessThan(1e-11);
      expect(rel(bgNbdAliveExpectation(m, 0.7, 1e18, u), m * u)).toBeLessThan(1e-13);
    }
  });

  it('cumulative horizons equal the one-at-a-time values and increase with t', () => {
    const row = { frequency: 7, recency: 30, T: 45 };
    const times = [4, 8, 16, 52];
    const all = bgNbdCumulativeExpectedPurchases(boundary, row, times);
    for (const [k, t] of times.entries())
      expect(all[k]).toBe(bgNbdConditionalExpectedPurchases(boundary, row, t));
    for (let k = 1; k < times.length; k++) expect(all[k]).toBeGreaterThan(all[k - 1]);
  });
});

/**
 * Poisson purchases at Gamma(0.8, 10) rates over T weeks, every repeat buyer's last purchase on
 * the last day: no sign of drop-out, so E[(1-p)^(x-1)] and the likelihood rise towards p = 0
 * (a -> 0 or b -> infinity).
 */
function activeCustomers(count: number, seed: number): RfmRow[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const rate = rng.gamma(0.8, 1 / 10);
    const T = 20 + rng.int(33);
    let time = 0;
    let x = -1;
    while (time <= T) {
      x++;
      time += -Math.log(1 - rng.next()) / rate;
    }
    return x === 0 ? { frequency: 0, recency: 0, T } : { frequency: x, recency: T, T };
  });
}

describe('a BG/NBD fit at the no-drop-out boundary', () => {
  it('warns in the fit summary, in predict() and after a JSON round trip; CDNOW does not warn', () => {
    const model = new BgNbdModel().fit(activeCustomers(1500, 3));
    const { a, b } = model.parameters;
    expect(a / (a + b)).toBeLessThan(1e-6);
    expect(model.fitSummary.warnings.join(' ')).toMatch(/no-drop-out boundary/);
    expect(model.predict([{ frequency: 1, recency: 1, T: 5 }], 10).warnings).toEqual(
      model.fitSummary.warnings,
    );
    expect(BgNbdModel.fromJSON(model.toJSON()).fitSummary.warnings).toEqual(model.fitSummary.warnings);
    expect(new BgNbdModel().fit(readCdnowSummary()).fitSummary.warnings).toEqual([]);
  });

  it('gives finite CLV equal to the NBD closed form m D/(alpha+T) sum_k (1+d)^-k', () => {
    const model = BgNbdModel.fromJSON({
      kind: 'marketing.bg-nbd',
      version: 1,
      options: {},
      state: { parameters: boundary, logLikelihood: 0, customers: 1, evaluations: 0, converged: true },
    });
    const rows = [
      { frequency: 0, recency: 0, T: 12 },
      { frequency: 3, recency: 20, T: 40 },
      { frequency: 150, recency: 52, T: 53 },
    ];
    const spend = [10, 20, 30];
    const step = 30 / 7;
    const clv = customerLifetimeValue(model, rows, spend, { horizon: 52, discountRate: 0.01 });
    rows.forEach((row, i) => {
      const m = boundary.r + row.frequency;
      let expected = 0;
      for (let k = 1; k <= 13; k++)
        expected += (Math.min(k * step, 52) - Math.min((k - 1) * step, 52)) / 1.01 ** k;
      expected *= (spend[i] * m) / (boundary.alpha + row.T);
      expect(rel(clv[i], expected)).toBeLessThan(1e-6);
    });
  });
});
