import { describeEstimator, expectDeepClose } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { panelFromArrays } from '../../panel/panel-ops';
import { airPassengers } from '../__fixtures__/classic-series';
import { EtsForecaster, forecastEts } from './ets-forecaster';
import { etsFilter } from './ets-recursion';
import type { EtsSpec } from './ets-spec';

/*
 * Reference values from R 4.2, forecast 8.20 (Debian r-cran-forecast):
 *   ap <- ts(read.csv('airpassengers.csv')$value, start = c(1949, 1), frequency = 12)
 *   fit <- ets(ap, model = "MAM", damped = FALSE)          # also "ZZZ", "AAA", "AAN" damped, "ANN"
 *   fit$par; fit$initstate; fit$loglik; fit$sigma2
 *   f <- forecast(fit, h = 12, level = 80); f$mean; f$lower; f$upper
 */
const R = {
  MAM: {
    par: { alpha: 0.394996850495, beta: 0.0107004419033, gamma: 0.3995392024006 },
    initstate: [
      122.375426016476, 1.107366582084, 0.900041119947, 0.782669107068, 0.901368043869, 1.047617769761,
      1.153706799062, 1.183031401968, 1.083995121463, 0.978658898783, 1.033161642576, 1.080756909901,
      0.952247884187, 0.902745301416,
    ],
    loglik: -682.403619058,
    sigma2: 0.00158214813524,
    mean: [
      448.9737672, 425.2278173, 484.2137115, 504.6110723, 519.1422647, 593.587326, 680.4644283, 670.0224713,
      555.3150683, 491.2653255, 420.7029228, 466.3177557,
    ],
    lower: [
      426.0872017, 401.8545064, 455.7264333, 473.0243083, 484.7347597, 552.1013899, 630.4876317, 618.4634081,
      510.6590011, 450.0754386, 383.9997926, 424.0630391,
    ],
    upper: [
      471.8603326, 448.6011282, 512.7009896, 536.1978362, 553.5497697, 635.0732621, 730.441225, 721.5815346,
      599.9711354, 532.4552124, 457.406053, 508.5724722,
    ],
  },
  MAdM: {
    par: { alpha: 0.709551916209, beta: 0.0204089193322, gamma: 1.00468309719e-4, phi: 0.979999926684 },
    loglik: -679.583216237,
    mean: [
      441.8018473, 434.1186201, 496.6300468, 483.2374794, 483.9913534, 551.0244, 613.1796792, 609.3648308,
      530.5408345, 463.0332145, 402.7478001, 451.9693731,
    ],
    lower: [
      419.6256488, 407.1668126, 460.629103, 443.6210174, 440.0235582, 496.3367546, 547.3865344, 539.2446628,
      465.4872483, 402.8496251, 347.4994944, 386.7749667,
    ],
    upper: [
      463.9780458, 461.0704275, 532.6309905, 522.8539415, 527.9591487, 605.7120454, 678.972824, 679.4849989,
      595.5944208, 523.2168038, 457.9961057, 517.1637795,
    ],
  },
  AAA: {
    par: { alpha: 0.993480362872, beta: 1.91179159524e-4, gamma: 5.80032514321e-4 },
    loglik: -765.935847512,
    mean: [
      437.2862726, 429.5849649, 461.53712, 458.6586902, 463.9389493, 503.1811115, 537.2384158, 537.5854807,
      488.9265816, 454.5475402, 422.2995493, 448.949332,
    ],
    lower: [
      414.1580111, 396.9799961, 421.6440785, 412.6149195, 412.472395, 446.8092481, 476.3535149, 472.4981641,
      419.890722, 381.7756737, 345.9729958, 369.2251538,
    ],
  },
  AAdN: {
    par: { alpha: 0.999899475835, beta: 1.00015563586e-4, phi: 0.979999688965 },
    loglik: -863.796068067,
    mean: [
      432.1065718, 432.2151384, 432.3215335, 432.4258007, 432.5279826, 432.6281207, 432.7262561, 432.8224287,
      432.9166779, 433.009042, 433.0995589, 433.1882653,
    ],
    lower: [
      388.3160086, 370.2860076, 356.4717513, 344.8385713, 334.5983653, 325.3469763, 316.8443425, 308.9340716,
      301.5075508, 294.4857142, 287.8088858, 281.430714,
    ],
  },
  ANN: {
    par: { alpha: 0.999899807697 },
    loglik: -863.893377599,
    mean: new Array(12).fill(431.9957926),
    lower: [
      388.6409875, 370.6859107, 356.9080831, 345.292698, 335.0592716, 325.8075089, 317.2996109, 309.3806361,
      301.9429607, 294.9082235, 288.2172682, 281.8241355,
    ],
  },
};

const ap = airPassengers();

function expectWithin(actual: readonly number[], expected: readonly number[], relative: number) {
  expected.forEach((e, i) => {
    expect(Math.abs(actual[i] - e) / Math.abs(e), `index ${i}: ${actual[i]} vs ${e}`).toBeLessThan(relative);
  });
}

describe('ETS likelihood recursion', () => {
  it("gives R's log-likelihood for R's own parameters and initial states (ETS(M,A,M))", () => {
    const spec: EtsSpec = { error: 'M', trend: 'A', damped: false, season: 'M' };
    const params = { alpha: R.MAM.par.alpha, beta: R.MAM.par.beta, gamma: R.MAM.par.gamma, phi: 1 };
    const result = etsFilter(ap, spec, params, R.MAM.initstate, 12);
    expect(-0.5 * result.lik).toBeCloseTo(R.MAM.loglik, 5);
  });

  it('a missing value moves the states on by the forecast and leaves the likelihood of the rest', () => {
    const spec: EtsSpec = { error: 'A', trend: 'N', damped: false, season: 'N' };
    const y = [10, 12, Number.NaN, 11, 13];
    const params = { alpha: 0.5, beta: 0, gamma: 0, phi: 1 };
    // Level path: 10 → 10 → 11 → 11 (missing: unchanged) → 11 → 12. Innovations 0, 2, -, 0, 2.
    const result = etsFilter(y, spec, params, [10], 1);
    expect(Array.from(result.fitted)).toEqual([10, 10, 11, 11, 11]);
    expect(result.observed).toBe(4);
    expect(result.lik).toBeCloseTo(4 * Math.log(8), 12);
    expect(Array.from(result.finalState)).toEqual([12]);
  });
});

describe('ETS maximum likelihood matches R forecast::ets (AirPassengers)', () => {
  const cases = [
    ['MAM', { model: 'MAM', damped: false }, R.MAM],
    ['AAA', { model: 'AAA', damped: false }, R.AAA],
    ['AAdN', { model: 'AAN', damped: true }, R.AAdN],
    ['ANN', { model: 'ANN' }, R.ANN],
  ] as const;
  for (const [name, options, reference] of cases) {
    it(`${name}: parameters, log-likelihood, forecasts and 80% intervals within 1%`, () => {
      const result = forecastEts(ap, { ...options, seasonLength: 12, horizon: 12, levels: [0.1, 0.9] });
      for (const [key, value] of Object.entries(reference.par)) {
        const actual = result.fit.params[key as 'alpha'];
        // Parameters at their lower bound (1e-4) are compared on the absolute scale.
        if (value < 1e-3) expect(Math.abs(actual - value)).toBeLessThan(1e-4);
        else expect(Math.abs(actual - value) / value, `${key}: ${actual} vs ${value}`).toBeLessThan(0.01);
      }
      expect(result.fit.loglik).toBeCloseTo(reference.loglik, 3);
      expectWithin(result.mean, reference.mean, 0.01);
      expectWithin(result.quantiles[0].values, reference.lower, 0.01);
    });
  }

  it('AutoETS picks ETS(M,Ad,M) by AICc as R does, with the same forecasts within 1%', () => {
    const result = forecastEts(ap, { seasonLength: 12, horizon: 12, levels: [0.1, 0.9] });
    expect(result.form).toBe('ETS(M,Ad,M)');
    expect(result.fit.loglik).toBeCloseTo(R.MAdM.loglik, 3);
    for (const [key, value] of Object.entries(R.MAdM.par)) {
      const actual = result.fit.params[key as 'alpha'];
      if (value < 1e-3) expect(Math.abs(actual - value)).toBeLessThan(1e-4);
      else expect(Math.abs(actual - value) / value).toBeLessThan(0.01);
    }
    expectWithin(result.mean, R.MAdM.mean, 0.01);
    expectWithin(result.quantiles[0].values, R.MAdM.lower, 0.01);
    expectWithin(result.quantiles[1].values, R.MAdM.upper, 0.01);
  });

  it('refuses multiplicative errors on non-positive data', () => {
    expect(() => forecastEts([1, 0, 2, 3, 1, 2, 3, 4, 2, 1], { model: 'MNN', horizon: 2 })).toThrow(
      /positive data/,
    );
  });
});

describeEstimator('EtsForecaster', {
  create: () => new EtsForecaster({ model: 'ANN' }),
  data: () =>
    panelFromArrays([
      { id: 'a', values: [10, 12, 11, 13, 12, 14, 13, 15, 14, 16, 15, 17] },
      { id: 'b', values: [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7] },
    ]),
  otherData: () => panelFromArrays([{ id: 'a', values: [1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 4] }]),
  fit: (model, panel) => model.fit(panel),
  predict: (model) => model.predict({ horizon: 3 }),
  fromJSON: (json) => EtsForecaster.fromJSON(json),
  tolerance: 1e-9,
});

describe('EtsForecaster on a panel', () => {
  it('forecasts each series like the one-shot function, from newer history without refitting', () => {
    const panel = panelFromArrays([{ id: 'ap', values: ap.slice(0, 120) }], { frequency: 'month' });
    const model = new EtsForecaster({ model: 'MAM', damped: false, seasonLength: 12 }).fit(panel);
    const direct = forecastEts(ap.slice(0, 120), {
      model: 'MAM',
      damped: false,
      seasonLength: 12,
      horizon: 6,
    });
    const [forecast] = model.predict({ horizon: 6 }).forecasts;
    expectDeepClose(forecast.mean, direct.mean, 1e-9);
    expect(forecast.periods).toEqual([120, 121, 122, 123, 124, 125]);
    const newer = panelFromArrays([{ id: 'ap', values: ap }], { frequency: 'month' });
    const [updated] = model.predict({ horizon: 1, history: newer }).forecasts;
    expect(updated.periods).toEqual([144]);
    expect(updated.mean[0]).not.toBeCloseTo(forecast.mean[0], 0);
  });
});

describe('allocation-free likelihood', () => {
  it('equals the full recursion for every form on AirPassengers with gaps', async () => {
    const { etsLikelihood } = await import('./ets-likelihood');
    const y = ap.map((v, i) => (i % 17 === 5 ? Number.NaN : v));
    const forms: EtsSpec[] = [
      { error: 'A', trend: 'N', damped: false, season: 'N' },
      { error: 'M', trend: 'A', damped: true, season: 'N' },
      { error: 'A', trend: 'A', damped: false, season: 'A' },
      { error: 'M', trend: 'A', damped: true, season: 'M' },
      { error: 'M', trend: 'M', damped: false, season: 'N' },
    ];
    for (const spec of forms) {
      const init = [
        120,
        spec.trend === 'M' ? 1.01 : 1.5,
        ...(spec.season === 'N'
          ? []
          : R.MAM.initstate.slice(2).map((s) => (spec.season === 'A' ? 100 * (s - 1) : s))),
      ];
      const params = {
        alpha: 0.4,
        beta: 0.01,
        gamma: spec.season === 'N' ? 0 : 0.3,
        phi: spec.damped ? 0.95 : 1,
      };
      expect(etsLikelihood(y, spec, params, init, 12)).toBeCloseTo(
        etsFilter(y, spec, params, init, 12).lik,
        8,
      );
    }
  });
});

describe('series too short for model selection', () => {
  it('falls back to SES with α by grid search (closed form on 5, 7, 6)', () => {
    // SSE(α) = (7-5)² + (6 - (5 + 2α))² is smallest at α = 0.5; the level ends at 6, σ² = 4 / 2.
    const result = forecastEts([5, 7, 6], { horizon: 2, levels: [0.5, 0.9] });
    expect(result.form).toBe('ETS(A,N,N)');
    expect(result.fit.params.alpha).toBeCloseTo(0.5, 12);
    expect(result.mean).toEqual([6, 6]);
    expect(result.quantiles[1].values[0]).toBeCloseTo(6 + 1.2815515655446004 * Math.sqrt(2), 9);
  });
});
