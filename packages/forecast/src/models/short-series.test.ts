import { describe, expect, it } from 'vitest';
import { InsufficientHistoryError } from '../errors/insufficient-history-error';
import { panelFromArrays } from '../panel/panel-ops';
import { SeasonalNaiveForecaster } from './baselines/seasonal-naive';
import { EtsForecaster } from './ets/ets-forecaster';
import { applyNonnegative } from './nonnegative';
import { normalQuantile } from './normal';
import { quantileValues } from './quantiles';

const long = Array.from({ length: 60 }, (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / 12) + (i % 5));

describe('series too short for the model', () => {
  it('AutoETS forecasts a 3-value series by SES (known answer) and the other series as if alone', () => {
    const panel = panelFromArrays([
      { id: 'long', values: long },
      { id: 'new', values: [5, 6, 7] },
    ]);
    const result = new EtsForecaster({ seasonLength: 12 }).fit(panel).predict({ horizon: 8 });
    const alone = new EtsForecaster({ seasonLength: 12 })
      .fit(panelFromArrays([{ id: 'long', values: long }]))
      .predict({ horizon: 8 }).forecasts[0];
    expect(result.forecasts[0].mean).toEqual(alone.mean);
    expect(result.forecasts[0].fallback).toBeUndefined();
    const short = result.forecasts[1];
    expect(short.fallback?.model).toBe('ses');
    expect(short.model).toBe('ses');
    expect(short.fallback?.reason).toMatch(/series "new" has 3 observed point/);
    expect(result.warnings.join()).toMatch(/1 series too short for auto-ets, forecast by ses: "new"/);
    // SES from level 5: one-step SSE 1 + (2 - α)² is smallest at the grid's α = 0.95;
    // level 5 → 5.95 → 5.95 + 0.95·1.05 = 6.9475; σ² = SSE/(n-1) = (1 + 1.05²)/2 = 1.05125;
    // Var(h) = σ²(1 + (h-1)α²).
    for (const v of short.mean) expect(v).toBeCloseTo(6.9475, 10);
    const sd8 = Math.sqrt(1.05125 * (1 + 7 * 0.95 ** 2));
    expect(quantileValues(short, 0.9)[7]).toBeCloseTo(6.9475 + normalQuantile(0.9) * sd8, 8);
  });

  it('a horizon longer than a fitted series falls back too; a single value gives a flat, zero-width forecast', () => {
    const panel = panelFromArrays([
      { id: 'long', values: long },
      { id: 'one', values: [4] },
    ]);
    const model = new SeasonalNaiveForecaster({ seasonLength: 12 }).fit(panel);
    const [a, b] = model.predict({ horizon: 8 }).forecasts;
    expect(a.fallback).toBeUndefined();
    expect(a.mean).toEqual(long.slice(48, 56));
    expect(b.fallback?.reason).toMatch(/1 observed point\(s\), seasonal-naive needs at least 12/);
    expect(b.mean).toEqual(new Array(8).fill(4));
    expect(quantileValues(b, 0.1)).toEqual(new Array(8).fill(4));
  });

  it("shortSeries: 'error' throws naming the series; an all-missing series is always an error", () => {
    const short = panelFromArrays([
      { id: 'long', values: long },
      { id: 'new', values: [5, 6, 7] },
    ]);
    expect(() => new EtsForecaster({ shortSeries: 'error' }).fit(short)).toThrowError(
      InsufficientHistoryError,
    );
    expect(() => new EtsForecaster({ shortSeries: 'error' }).fit(short)).toThrow(/series "new"/);
    const missing = panelFromArrays([
      { id: 'long', values: long },
      { id: 'empty', values: [Number.NaN, Number.NaN] },
    ]);
    expect(() => new EtsForecaster().fit(missing)).toThrow(/series "empty" has 0 observed/);
  });

  it('a series shorter than its season is fitted without the season, with a warning', () => {
    const panel = panelFromArrays([{ id: 'ten', values: [3, 5, 4, 6, 5, 7, 6, 8, 7, 9] }]);
    const [f] = new EtsForecaster({ seasonLength: 12 }).fit(panel).predict({ horizon: 3 }).forecasts;
    expect(f.fallback).toBeUndefined();
    expect(f.warnings[0]).toBe('10 periods are not more than the season length 12: seasonality ignored');
    expect(f.warnings[1]).toMatch(/^ETS\(.,.+,N\)/);
  });

  it('the fallback survives a JSON round trip', () => {
    const panel = panelFromArrays([
      { id: 'long', values: long },
      { id: 'new', values: [5, 6, 7] },
    ]);
    const model = new EtsForecaster({ model: 'ANN' }).fit(panel);
    const restored = EtsForecaster.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(restored.predict({ horizon: 4 })).toEqual(model.predict({ horizon: 4 }));
  });
});

describe('nonnegative forecasts', () => {
  it('clips the mean and every quantile at 0 and leaves non-negative values as they were', () => {
    const panel = panelFromArrays([{ id: 'sparse', values: [0, 0, 3, 0, 1, 0, 0, 2, 0, 0, 0, 1] }]);
    const model = new EtsForecaster({ model: 'ANN' }).fit(panel);
    const raw = model.predict({ horizon: 4 });
    const clipped = model.predict({ horizon: 4, nonnegative: true });
    const p10 = quantileValues(raw.forecasts[0], 0.1);
    expect(p10.some((v) => v < 0)).toBe(true);
    const band = (f: (typeof raw.forecasts)[0]) => [...f.mean, ...f.quantiles.flatMap((q) => q.values)];
    const before = band(raw.forecasts[0]);
    const after = band(clipped.forecasts[0]);
    expect(after).toEqual(before.map((v) => Math.max(0, v)));
    const negatives = before.filter((v) => v < 0).length;
    expect(clipped.warnings).toEqual([`nonnegative: ${negatives} forecast value(s) below 0 set to 0`]);
  });

  it('warns when the history has negative values (a log target), where clipping is wrong', () => {
    const logUnits = [-0.2, 0.1, -0.4, 0.3, -0.1, 0.2, -0.3, 0.1];
    const panel = panelFromArrays([{ id: 'log', values: logUnits }]);
    const result = new EtsForecaster({ model: 'ANN' }).fit(panel).predict({ horizon: 2, nonnegative: true });
    expect(result.warnings.at(-1)).toMatch(/negative values \(a log target\?\)/);
    const plain = applyNonnegative({ forecasts: [], warnings: [] }, true, [[1, null, 2]]);
    expect(plain.warnings).toEqual([]);
  });
});
