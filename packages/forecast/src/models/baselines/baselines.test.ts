import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { InsufficientHistoryError } from '../../errors/insufficient-history-error';
import { panelFromArrays } from '../../panel/panel-ops';
import { airPassengers } from '../__fixtures__/classic-series';
import { quantileValues } from '../quantiles';
import type { Forecaster } from '../types';
import { CrostonForecaster, crostonComponents } from './croston';
import { MovingAverageForecaster } from './moving-average';
import { NaiveForecaster } from './naive';
import { SeasonalNaiveForecaster } from './seasonal-naive';
import { ThetaForecaster } from './theta';

const ap = airPassengers();
const apPanel = panelFromArrays([{ id: 'ap', values: ap }], { frequency: 'month' });
const intermittent = [0, 0, 3, 0, 0, 0, 5, 2, 0, 0, 0, 0, 4, 0, 0, 1, 0, 0, 6, 0, 0, 0, 0, 3];

function close(actual: readonly number[], expected: readonly number[], digits = 6) {
  for (const [i, e] of expected.entries()) expect(actual[i]).toBeCloseTo(e, digits);
}

/*
 * R 4.2, forecast 8.20:
 *   f <- naive(ap, h = 3, level = 80); f <- snaive(ap, h = 14, level = 80)
 *   f <- thetaf(ap, h = 12, level = 80)
 *   croston(c(0,0,3,0,0,0,5,2,0,0,0,0,4,0,0,1,0,0,6,0,0,0,0,3), h = 3, alpha = 0.1)$mean
 */
describe('baselines match R forecast', () => {
  it('naive: last value, σ√k intervals', () => {
    const [f] = new NaiveForecaster().fit(apPanel).predict({ horizon: 3, levels: [0.1, 0.9] }).forecasts;
    close(f.mean, [432, 432, 432]);
    close(quantileValues(f, 0.1), [388.798373836, 370.903674362, 357.172588514]);
    close(quantileValues(f, 0.9), [475.201626164, 493.096325638, 506.827411486]);
  });

  it('seasonal naive: same month last year, intervals widen each full season', () => {
    const [f] = new SeasonalNaiveForecaster({ seasonLength: 12 })
      .fit(apPanel)
      .predict({ horizon: 14, levels: [0.1] }).forecasts;
    close(f.mean, [417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432, 417, 391]);
    close(f.quantiles[0].values.slice(0, 1), [370.459500169]);
    close(f.quantiles[0].values.slice(12), [351.181793939, 325.181793939]);
  });

  it('theta: seasonal SES with drift and its intervals', () => {
    const [f] = new ThetaForecaster({ seasonLength: 12 })
      .fit(apPanel)
      .predict({ horizon: 12, levels: [0.1] }).forecasts;
    const r = [
      440.078191082, 428.384280557, 489.70709867, 475.704627661, 479.670388669, 545.366272154, 602.752001822,
      601.100763091, 523.951492159, 456.627144913, 397.95373466, 447.644908743,
    ];
    for (const [i, e] of r.entries()) expect(Math.abs(f.mean[i] - e) / e).toBeLessThan(1e-6);
    const lower = [
      426.293757125, 410.401914201, 468.336081379, 451.413162899, 452.773731989, 516.095381822, 571.285513281,
      567.582189414, 488.499416596, 419.341698128, 358.920935353, 406.939696515,
    ];
    for (const [i, e] of lower.entries())
      expect(Math.abs(f.quantiles[0].values[i] - e) / e).toBeLessThan(1e-6);
  });

  it("croston: R's mean, and SBA = (1 - α/2) × Croston", () => {
    const panel = panelFromArrays([{ id: 'x', values: intermittent }]);
    const [classic] = new CrostonForecaster().fit(panel).predict({ horizon: 3 }).forecasts;
    close(classic.mean, [0.987707525807, 0.987707525807, 0.987707525807], 9);
    const [sba] = new CrostonForecaster({ method: 'sba' }).fit(panel).predict({ horizon: 1 }).forecasts;
    expect(sba.mean[0]).toBeCloseTo(0.987707525807 * 0.95, 9);
  });
});

describe('closed forms', () => {
  it('moving average: mean of the last window; k-step spread from in-sample k-step errors', () => {
    const panel = panelFromArrays([{ id: 's', values: [1, 2, 3, 4, 5, 6] }]);
    const model = new MovingAverageForecaster({ window: 2 }).fit(panel);
    const [f] = model.predict({ horizon: 2, levels: [0.5] }).forecasts;
    expect(f.mean).toEqual([5.5, 5.5]);
    // One-step errors of a window-2 mean on a unit trend: 1 at origin 0 (mean of [1]), then 1.5.
    const oneStep = Math.sqrt((1 + 4 * 1.5 ** 2) / 5);
    expect((model.paramsOf('s') as { stepSigma: number[] }).stepSigma[0]).toBeCloseTo(oneStep, 12);
  });

  it('TSB: probability and size smoothed every period', () => {
    const y = [0, 2, 0, 4];
    // start: size 3 (mean of 2, 4), probability 0.5; α = β = 0.5
    // t1: p = 0.25; t2: p = 0.625, z = 2.5; t3: p = 0.3125; t4: p = 0.65625, z = 3.25
    const { probability, size } = crostonComponents(y, { method: 'tsb', alpha: 0.5, beta: 0.5 });
    expect(probability).toBeCloseTo(0.65625, 12);
    expect(size).toBeCloseTo(3.25, 12);
  });

  it('intermittent quantiles: zero below the no-demand mass, then rescaled sizes', () => {
    const panel = panelFromArrays([{ id: 'x', values: intermittent }]);
    const [f] = new CrostonForecaster().fit(panel).predict({ horizon: 1, levels: [0.5, 0.9] }).forecasts;
    expect(f.quantiles[0].values[0]).toBe(0);
    expect(f.quantiles[1].values[0]).toBeGreaterThan(0);
  });

  it("with shortSeries: 'error', a horizon longer than the history is a typed error naming the series", () => {
    const panel = panelFromArrays([{ id: 'short', values: [1, 2, 3] }]);
    const model = new NaiveForecaster({ shortSeries: 'error' }).fit(panel);
    expect(() => model.predict({ horizon: 4 })).toThrow(
      /series "short" has 3 observed point\(s\), a horizon of 4 periods needs at least 4/,
    );
    expect(() =>
      new SeasonalNaiveForecaster({ seasonLength: 12, shortSeries: 'error' }).fit(panel),
    ).toThrowError(InsufficientHistoryError);
  });

  it('croston rejects negative demand naming the series', () => {
    const panel = panelFromArrays([{ id: 'neg', values: [1, -2, 0, 3] }]);
    expect(() => new CrostonForecaster().fit(panel)).toThrow(/series "neg".*non-negative/);
  });
});

const small = () =>
  panelFromArrays([
    { id: 'a', values: [3, 0, 4, 5, 0, 6, 5, 7, 0, 8, 6, 9, 7, 0, 8, 10] },
    { id: 'b', values: [1, 2, 0, 0, 3, 1, 2, 0, 2, 3, 1, 0, 2, 3, 0, 1] },
  ]);
const other = () => panelFromArrays([{ id: 'a', values: [9, 8, 0, 7, 6, 5, 0, 4, 3, 2, 1, 2, 0, 3, 4, 5] }]);

const models: Array<[string, () => Forecaster, (json: unknown) => Forecaster]> = [
  ['NaiveForecaster', () => new NaiveForecaster(), NaiveForecaster.fromJSON],
  [
    'SeasonalNaiveForecaster',
    () => new SeasonalNaiveForecaster({ seasonLength: 4 }),
    SeasonalNaiveForecaster.fromJSON,
  ],
  [
    'MovingAverageForecaster',
    () => new MovingAverageForecaster({ window: 3 }),
    MovingAverageForecaster.fromJSON,
  ],
  ['ThetaForecaster', () => new ThetaForecaster({ seasonLength: 4 }), ThetaForecaster.fromJSON],
  ['CrostonForecaster (tsb)', () => new CrostonForecaster({ method: 'tsb' }), CrostonForecaster.fromJSON],
];
for (const [name, create, fromJSON] of models) {
  describeEstimator(name, {
    create,
    data: small,
    otherData: other,
    fit: (model, panel) => model.fit(panel) as Forecaster,
    predict: (model) => model.predict({ horizon: 4 }),
    fromJSON,
  });
}
