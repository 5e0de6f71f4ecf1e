import { createRng } from '@shoppilot/core';
import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { MissingFutureCovariateError } from '../../errors/missing-future-covariate-error';
import { buildFutureCovariates } from '../../panel/future-covariates';
import { panelFromArrays, truncatePanel } from '../../panel/panel-ops';
import { RidgeForecaster } from './ridge-forecaster';

/** y = a_i + b_brand·log(price) + 0.5·deal + ε: a known-answer panel. */
function elasticityPanel(seed: number, noise = 0.05) {
  const rng = createRng(seed);
  const slopes: Record<string, number> = { x: -2, y: -0.5 };
  return panelFromArrays(
    Array.from({ length: 12 }, (_, i) => {
      const brand = i % 2 === 0 ? 'x' : 'y';
      const price = Array.from({ length: 60 }, () => 1 + rng.next());
      const deal = Array.from({ length: 60 }, () => (rng.next() < 0.2 ? 1 : 0));
      const values = price.map(
        (p, t) => 5 + i * 0.3 + slopes[brand] * Math.log(p) + 0.5 * deal[t] + noise * rng.normal(),
      );
      return { id: `s${i}`, values, future: { price, deal }, static: { brand } };
    }),
    { frequency: 'week' },
  );
}

const options = {
  lambda: 1e-6,
  transforms: { price: 'log' as const },
  slopesBy: { price: 'brand' },
  lags: [],
  means: [],
  maxHorizon: 4,
};

describe('RidgeForecaster', () => {
  it('recovers fixed effects, per-brand elasticities and the promotion effect', () => {
    const model = new RidgeForecaster(options).fit(elasticityPanel(1, 0.01));
    const c = model.coefficients();
    expect(c['price|brand=x']).toBeCloseTo(-2, 1);
    expect(c['price|brand=y']).toBeCloseTo(-0.5, 1);
    expect(c.deal).toBeCloseTo(0.5, 1);
  });

  it('forecasts with the planned covariates, and its p10-p90 band covers about 80% of new data', () => {
    const panel = elasticityPanel(2, 0.2);
    const { panel: train } = truncatePanel(panel, 55);
    const model = new RidgeForecaster(options).fit(train);
    const result = model.predict({
      horizon: 4,
      future: {
        axis: panel.axis,
        series: new Map(panel.series.map((s) => [s.id, { start: s.start, values: s.future }])),
      },
    });
    let inside = 0;
    let count = 0;
    for (const f of result.forecasts) {
      const actual = panel.series.find((s) => s.id === f.id)!.target.slice(56, 60);
      actual.forEach((y, k) => {
        count++;
        if (y >= f.quantiles[0].values[k] && y <= f.quantiles[2].values[k]) inside++;
        expect(Math.abs(y - f.mean[k])).toBeLessThan(1);
      });
    }
    expect(inside / count).toBeGreaterThan(0.6);
    expect(inside / count).toBeLessThan(0.97);
  });

  it('learns an AR(1) from the lag at the origin', () => {
    const rng = createRng(3);
    const series = Array.from({ length: 8 }, (_, i) => {
      const values = [10];
      for (let t = 1; t < 80; t++) values.push(10 + 0.8 * (values[t - 1] - 10) + 0.1 * rng.normal());
      return { id: `a${i}`, values };
    });
    const model = new RidgeForecaster({ lambda: 1e-6, lags: [0], means: [], maxHorizon: 1 }).fit(
      panelFromArrays(series),
    );
    expect(model.coefficients().lag0).toBeCloseTo(0.8, 1);
  });

  it('names the covariate, series and dates when planned values are missing', () => {
    const panel = elasticityPanel(4);
    const model = new RidgeForecaster(options).fit(panel);
    const future = buildFutureCovariates(
      [{ id: 's0', t: 60, price: 1.2, deal: 0 }],
      { id: 'id', time: 't', covariates: ['price', 'deal'] },
      panel.axis,
    );
    expect(() => model.predict({ horizon: 2, future })).toThrowError(MissingFutureCovariateError);
    expect(() => model.predict({ horizon: 2, future })).toThrow(
      /"price" is missing for series "s0" at 1 forecast date\(s\): 61/,
    );
    expect(() => model.predict({ horizon: 2 })).toThrow(
      /future covariate "price" is missing for series "s0"/,
    );
  });
});

describeEstimator('RidgeForecaster', {
  create: () => new RidgeForecaster({ ...options, lags: [0], means: [4] }),
  data: () => elasticityPanel(5),
  otherData: () => elasticityPanel(6),
  fit: (model, panel) => model.fit(panel),
  predict: (model, panel) =>
    model.predict({
      horizon: 2,
      future: {
        axis: panel.axis,
        series: new Map(
          panel.series.map((s) => [
            s.id,
            { start: 60, values: { price: Float64Array.of(1, 1.5), deal: Float64Array.of(0, 1) } },
          ]),
        ),
      },
    }),
  fromJSON: (json) => RidgeForecaster.fromJSON(json),
  tolerance: 1e-8,
});
