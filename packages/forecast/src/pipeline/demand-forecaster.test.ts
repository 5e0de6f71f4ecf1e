import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { createForecaster } from '../models/registry';
import { treatPanelOutliers } from '../outliers/panel-outliers';
import { buildPanel, type PanelSpec } from '../panel/build-panel';
import { buildFutureCovariates } from '../panel/future-covariates';
import { panelFromArrays } from '../panel/panel-ops';
import { DemandForecaster } from './demand-forecaster';

const week = (t: number) => new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10);

/** Two SKUs × 40 weeks, units = 20·price^-1.5 (+ promo), one spike, one missing week; NEW has 2 weeks. */
function rows() {
  const history: Array<Record<string, unknown>> = [];
  const future: Array<Record<string, unknown>> = [];
  for (const sku of ['A', 'B']) {
    for (let t = 0; t < 44; t++) {
      const price = 1 + 0.3 * Math.sin(t + (sku === 'A' ? 0 : 1));
      const promo = t % 5 === 0 ? 1 : 0;
      const units = 20 * price ** -1.5 * (1 + 0.3 * promo) + (sku === 'A' && t === 20 ? 80 : 0);
      if (t >= 40) future.push({ sku, week: week(t), price, promo });
      else if (!(sku === 'B' && t === 7)) history.push({ sku, week: week(t), units, price, promo });
    }
  }
  history.push({ sku: 'NEW', week: week(38), units: 3, price: 1, promo: 0 });
  history.push({ sku: 'NEW', week: week(39), units: 5, price: 1, promo: 0 });
  future.push(...[40, 41, 42, 43].map((t) => ({ sku: 'NEW', week: week(t), price: 1, promo: 0 })));
  return { history, future };
}

const spec: PanelSpec = {
  id: 'sku',
  time: 'week',
  target: 'units',
  frequency: 'week',
  futureCovariates: ['price', 'promo'],
  targetGaps: 'zero',
};

describe('DemandForecaster', () => {
  it('equals building the panel, clipping outliers, fitting and predicting by hand (AutoETS)', async () => {
    const { history } = rows();
    const outliers = { action: 'clip' as const };
    const forecaster = await new DemandForecaster({
      panel: spec,
      outliers,
      horizon: 4,
      nonnegative: true,
    }).fit(history);
    const result = await forecaster.predict();
    const built = buildPanel(history, spec);
    const treated = treatPanelOutliers(built.panel, outliers);
    expect(treated.points.map((p) => [p.series, p.date])).toContainEqual(['A', week(20)]);
    expect(forecaster.outliers).toEqual(treated.points);
    const model = createForecaster('auto-ets', { horizon: 4 });
    await model.fit(treated.panel);
    const manual = await model.predict({ horizon: 4, nonnegative: true });
    expect(result.forecasts).toEqual(manual.forecasts);
    expect(result.warnings).toContain(`outliers: ${treated.points.length} found, ${treated.changed} changed`);
    expect(result.forecasts.find((f) => f.id === 'NEW')?.fallback?.model).toBe('ses');
  });

  it('reads planned future rows for a covariate model, and survives JSON', async () => {
    const { history, future } = rows();
    const options = { panel: spec, model: 'ridge', horizon: 4, transforms: { price: 'log' as const } };
    const forecaster = await new DemandForecaster(options).fit(history);
    const result = await forecaster.predict({ future });
    const panel = buildPanel(history, spec).panel;
    const model = createForecaster('ridge', { horizon: 4, transforms: { price: 'log' } });
    await model.fit(panel);
    const planned = buildFutureCovariates(
      future,
      { id: 'sku', time: 'week', covariates: ['price', 'promo'] },
      panel.axis,
    );
    const manual = await model.predict({ horizon: 4, future: planned });
    expect(result.forecasts).toEqual(manual.forecasts);
    const restored = await DemandForecaster.fromJSON(JSON.parse(JSON.stringify(forecaster.toJSON())));
    expect((await restored.predict({ future })).forecasts).toEqual(result.forecasts);
  });

  it('says what is missing: rows without the panel spec, an unknown model', async () => {
    const { history } = rows();
    await expect(new DemandForecaster().fit(history)).rejects.toThrow(/needs the `panel` option/);
    await expect(new DemandForecaster({ panel: spec, model: 'prophet' }).fit(history)).rejects.toThrow(
      /unknown model "prophet"/,
    );
  });
});

describeEstimator('DemandForecaster', {
  create: () => new DemandForecaster({ model: 'ses', horizon: 3 }),
  data: () =>
    panelFromArrays([
      { id: 'a', values: [10, 12, 11, 13, 12, 14, 13, 15, 14, 16, 15, 17] },
      { id: 'b', values: [5, 6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7] },
    ]),
  otherData: () => panelFromArrays([{ id: 'a', values: [1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 4] }]),
  fit: (model, panel) => model.fit(panel),
  predict: (model) => model.predict(),
  fromJSON: (json) => DemandForecaster.fromJSON(json),
  tolerance: 1e-9,
});
