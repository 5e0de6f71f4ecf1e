import { describe, expect, it } from 'vitest';
import { NaiveForecaster } from '../models/baselines/naive';
import type { Forecaster, ForecastResult, PredictOptions } from '../models/types';
import { panelFromArrays } from '../panel/panel-ops';
import { type Panel, seriesEnd } from '../panel/types';
import { backtest } from './backtest';
import { planWindows } from './window-plan';

/** Records the last target period of everything it is shown, and forecasts the last value. */
class SpyForecaster extends NaiveForecaster {
  static seen: Array<{ call: 'fit' | 'predict'; last: number; futureLast: number }> = [];
  static fits = 0;

  override fit(panel: Panel): this {
    SpyForecaster.fits++;
    SpyForecaster.seen.push({
      call: 'fit',
      last: Math.max(...panel.series.map((s) => seriesEnd(s) - 1)),
      futureLast: Number.NaN,
    });
    return super.fit(panel);
  }

  override predict(options: PredictOptions): ForecastResult {
    const history = options.history!;
    let futureLast = Number.NEGATIVE_INFINITY;
    for (const entry of options.future?.series.values() ?? []) {
      futureLast = Math.max(futureLast, entry.start + (Object.values(entry.values)[0]?.length ?? 0) - 1);
    }
    SpyForecaster.seen.push({
      call: 'predict',
      last: Math.max(...history.series.map((s) => seriesEnd(s) - 1)),
      futureLast,
    });
    return super.predict(options);
  }
}

const trend = (n: number, start = 0) => Array.from({ length: n }, (_, t) => t + start);

describe('rolling-origin backtest', () => {
  it('plans origins on the common calendar, the last leaving exactly one horizon', () => {
    const panel = panelFromArrays([
      { id: 'a', values: trend(30) },
      { id: 'b', values: trend(20), start: 10 },
    ]);
    expect(planWindows(panel, { horizon: 4, windows: 3 })).toEqual([17, 21, 25]);
    expect(planWindows(panel, { horizon: 4, windows: 3, step: 1 })).toEqual([23, 24, 25]);
    expect(() => planWindows(panel, { horizon: 10, windows: 4 })).toThrow(
      /reach back before the first period/,
    );
  });

  it('never shows a model any target or covariate after the end of its window', async () => {
    SpyForecaster.seen = [];
    const panel = panelFromArrays([
      { id: 'a', values: trend(30), future: { price: trend(30) } },
      { id: 'b', values: trend(25), start: 5, future: { price: trend(25) } },
    ]);
    const origins = planWindows(panel, { horizon: 4, windows: 3 });
    await backtest(panel, [{ name: 'spy', create: () => new SpyForecaster() }], { horizon: 4, windows: 3 });
    const fits = SpyForecaster.seen.filter((s) => s.call === 'fit');
    const predicts = SpyForecaster.seen.filter((s) => s.call === 'predict');
    expect(fits.map((s) => s.last)).toEqual(origins);
    expect(predicts.map((s) => s.last)).toEqual(origins);
    // Future-known covariates reach to the end of the window being forecast, not beyond.
    expect(predicts.map((s) => s.futureLast)).toEqual(origins.map((o) => o + 4));
  });

  it('changing data after an origin does not change that window', async () => {
    const base = trend(40).map((t) => Math.sin(t) * 5 + 20);
    const poisoned = base.map((v, t) => (t > 31 ? 1e6 : v));
    const run = (values: number[]) =>
      backtest(
        panelFromArrays([{ id: 'a', values }]),
        [{ name: 'naive', create: () => new NaiveForecaster() }],
        { horizon: 4, windows: 2, keepForecasts: true },
      );
    const [clean, dirty] = await Promise.all([run(base), run(poisoned)]);
    // Window 0 has origin 31: its forecasts may not move.
    expect(dirty.forecasts![0].forecasts).toEqual(clean.forecasts![0].forecasts);
    expect(dirty.forecasts![1].forecasts[0].mean).not.toEqual(clean.forecasts![1].forecasts[0].mean);
  });

  it('known answer: naive on a unit trend has MASE (h+1)/2 and sMAPE/WAPE by hand', async () => {
    const panel = panelFromArrays([{ id: 'a', values: trend(20, 1) }]);
    const result = await backtest(panel, [{ name: 'naive', create: () => new NaiveForecaster() }], {
      horizon: 4,
      windows: 1,
    });
    const score = result.models[0];
    expect(score.mase).toBeCloseTo(2.5, 12);
    // Last value 16; actuals 17..20.
    const expectedSmape = [17, 18, 19, 20].reduce((s, y) => s + (2 * (y - 16)) / (y + 16), 0) / 4;
    expect(score.smape).toBeCloseTo(expectedSmape, 12);
    expect(score.wape).toBeCloseTo(10 / 74, 12);
    expect(result.origins).toEqual(['15']); // period 15 holds the value 16
    expect(result.series).toBe(1);
    // One-step differences are all 1 (σ = 1): the band 16 ± 1.2816·√k holds 16 + k only for k = 1.
    expect(score.coverage80).toBe(0.25);
  });

  it('refits at every origin, or once with `first-window`', async () => {
    const panel = panelFromArrays([{ id: 'a', values: trend(30) }]);
    SpyForecaster.fits = 0;
    await backtest(panel, [{ name: 'spy', create: () => new SpyForecaster() }], { horizon: 2, windows: 3 });
    expect(SpyForecaster.fits).toBe(3);
    SpyForecaster.fits = 0;
    await backtest(panel, [{ name: 'spy', create: () => new SpyForecaster() }], {
      horizon: 2,
      windows: 3,
      refit: 'first-window',
    });
    expect(SpyForecaster.fits).toBe(1);
  });

  it('reports series left out of a window with the reason', async () => {
    const panel = panelFromArrays([
      { id: 'a', values: trend(30) },
      { id: 'late', values: trend(3), start: 27 },
      { id: 'gone', values: trend(10) },
    ]);
    const result = await backtest(
      panel,
      [{ name: 'naive', create: () => new NaiveForecaster() as Forecaster }],
      { horizon: 2, windows: 1 },
    );
    expect(result.skipped).toEqual([
      { window: 0, id: 'late', reason: 'history of 1 periods is shorter than the horizon 2' },
      { window: 0, id: 'gone', reason: 'no observed value in the test window' },
    ]);
  });
});
