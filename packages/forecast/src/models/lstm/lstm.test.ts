import { createRng } from '@shoppilot/core';
import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { futureFromPanel } from '../../panel/future-covariates';
import { panelFromArrays, truncatePanel } from '../../panel/panel-ops';
import type { Panel } from '../../panel/types';
import { LstmAttentionForecaster, type LstmAttentionOptions } from './lstm-forecaster';
import { makeLstmLayout, trainingSamples } from './lstm-prepare';
import { LstmWithFallbackForecaster } from './lstm-with-fallback';

/** y = level_i + 2·promo + seasonal wave + noise: the promotion is known ahead. */
function promoPanel(seed: number, series = 6, length = 60): Panel {
  const rng = createRng(seed);
  return panelFromArrays(
    Array.from({ length: series }, (_, i) => {
      const promo = Array.from({ length }, () => (rng.next() < 0.25 ? 1 : 0));
      const values = promo.map(
        (p, t) => 10 + i + 2 * p + Math.sin((2 * Math.PI * t) / 8) + 0.2 * rng.normal(),
      );
      return { id: `s${i}`, values, future: { promo }, static: { group: i % 2 === 0 ? 'a' : 'b' } };
    }),
    { frequency: 'week' },
  );
}

const small: LstmAttentionOptions = {
  horizon: 4,
  lookback: 8,
  units: 12,
  embedding: 2,
  epochs: 40,
  batchSize: 128,
  learningRate: 0.01,
  patience: 8,
  seed: 7,
};

describe('LSTM+Attention', () => {
  it('learns the known-ahead promotion effect: far better than naive, median error near the noise', async () => {
    const panel = promoPanel(1);
    const { panel: train } = truncatePanel(panel, 55);
    const model = await new LstmAttentionForecaster(small).fit(train);
    const { forecasts } = await model.predict({ horizon: 4, future: futureFromPanel(panel) });
    let error = 0;
    let naive = 0;
    let inside = 0;
    for (const f of forecasts) {
      const s = panel.series.find((x) => x.id === f.id)!;
      for (let k = 0; k < 4; k++) {
        const actual = s.target[56 + k];
        error += Math.abs(actual - f.mean[k]);
        naive += Math.abs(actual - s.target[55]);
        if (actual >= f.quantiles[0].values[k] && actual <= f.quantiles[2].values[k]) inside++;
      }
    }
    expect(error / 24).toBeLessThan(0.6);
    expect(error).toBeLessThan(0.6 * naive);
    expect(inside / 24).toBeGreaterThan(0.5);
    expect(model.trainingReport.bestEpoch).toBeGreaterThan(1);
  }, 180_000);

  it('ONNX export served by onnxruntime-node gives the tfjs forecasts within 1e-4', async () => {
    const panel = promoPanel(2, 4, 40);
    const model = await new LstmAttentionForecaster({ ...small, epochs: 3 }).fit(panel);
    const future = {
      axis: panel.axis,
      series: new Map(
        panel.series.map((s) => [s.id, { start: 40, values: { promo: Float64Array.of(1, 0, 0, 1) } }]),
      ),
    };
    const viaTfjs = await model.predict({ horizon: 4, future });
    const viaOnnx = await LstmAttentionForecaster.fromJSON({
      ...model.toJSON(),
      options: { ...model.options, engine: 'onnx' },
    }).predict({ horizon: 4, future });
    viaTfjs.forecasts.forEach((f, i) => {
      f.quantiles.forEach((band, q) => {
        for (const [k, v] of band.values.entries()) {
          expect(Math.abs(v - viaOnnx.forecasts[i].quantiles[q].values[k])).toBeLessThan(1e-4);
        }
      });
    });
    expect((await model.exportOnnx()).byteLength).toBeGreaterThan(1000);
  });

  it('reports every epoch and stops on abort', async () => {
    const epochs: number[] = [];
    const controller = new AbortController();
    const model = new LstmAttentionForecaster({ ...small, epochs: 10, patience: 100 });
    const run = model.fit(promoPanel(3, 3, 30), {
      signal: controller.signal,
      onProgress: (event) => {
        epochs.push(event.completed);
        if (event.completed === 2) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(epochs).toEqual([1, 2]);
  });

  it('never trains on labels after the validation cutoff', () => {
    const panel = promoPanel(4, 2, 30);
    const { layout } = makeLstmLayout(panel, {
      horizon: 4,
      lookback: 6,
      covariates: ['promo'],
      transforms: {},
      pastCovariates: [],
      staticCovariates: [],
      calendar: false,
    });
    const cutoff = 25;
    const { train, validation } = trainingSamples(panel, layout, { cutoff, stride: 1, minContext: 4 });
    // Training sample of origin o holds labels o+1..o+4; every label index > cutoff must be masked.
    const H = 4;
    for (let i = 0; i < train.count; i++) {
      for (let k = 0; k < H; k++) {
        if (train.mask[i * H + k] === 0) continue;
        expect(train.targets[i * H + k]).not.toBeNaN();
      }
    }
    const origins = train.count / 2; // two series, same length
    const lastOrigin = origins - 1 + 3; // minContext 4 → first origin is 3
    expect(lastOrigin).toBe(cutoff - 1);
    // The last training origin (24) may only use label 25; labels 26..28 are masked.
    const last = origins - 1;
    expect(Array.from(train.mask.subarray(last * H, last * H + H))).toEqual([1, 0, 0, 0]);
    expect(validation.count).toBe(2);
    expect(Array.from(validation.mask.subarray(0, H))).toEqual([1, 1, 1, 1]);
  });
});

describe('LSTM+Attention with the AutoETS fallback', () => {
  it('routes series too short for the network to AutoETS (and on to SES when too short for it) and says so', async () => {
    const panel = promoPanel(5, 4, 40);
    panel.series.push({
      ...panel.series[0],
      id: 'short',
      target: panel.series[0].target.slice(0, 3),
      future: { promo: panel.series[0].future.promo.slice(0, 3) },
    });
    const model = await new LstmWithFallbackForecaster({ ...small, epochs: 2 }).fit(panel);
    const future = {
      axis: panel.axis,
      series: new Map(
        panel.series.map((s) => [
          s.id,
          { start: s.start + s.target.length, values: { promo: Float64Array.of(0, 1, 0, 0) } },
        ]),
      ),
    };
    const { forecasts, warnings } = await model.predict({ horizon: 3, future });
    const short = forecasts.find((f) => f.id === 'short')!;
    // 3 values are too few for AutoETS as well: its own fallback (SES) answers, and both steps are named.
    expect(short.model).toBe('ses');
    expect(short.fallback).toEqual({
      model: 'ses',
      reason:
        'series too short for the neural model: 3 < 4 observed values; series "short" has 3 observed point(s), maximum likelihood ETS (any form) needs at least 7.',
    });
    expect(forecasts.filter((f) => !f.fallback).map((f) => f.model)).toEqual(
      new Array(4).fill('lstm-attention'),
    );
    expect(warnings).toEqual(['1 series forecast by auto-ets instead of the neural model']);
  });

  it('falls back entirely when the network cannot be trained, with the error as the reason', async () => {
    const panel = promoPanel(6, 3, 30);
    const model = await new LstmWithFallbackForecaster({ ...small, units: -1 }).fit(panel);
    const { forecasts } = await model.predict({ horizon: 2, future: futureFromPanel(promoPanel(6, 3, 32)) });
    expect(forecasts.every((f) => f.fallback?.reason.startsWith('primary failed:'))).toBe(true);
    expect(forecasts.every((f) => f.mean.every(Number.isFinite))).toBe(true);
  });
});

describeEstimator('LstmAttentionForecaster', {
  create: () => new LstmAttentionForecaster({ ...small, epochs: 2 }),
  data: () => promoPanel(8, 3, 30),
  otherData: () => promoPanel(9, 3, 30),
  fit: (model, panel) => model.fit(panel),
  predict: (model, panel) =>
    model.predict({
      horizon: 2,
      future: {
        axis: panel.axis,
        series: new Map(
          panel.series.map((s) => [s.id, { start: 30, values: { promo: Float64Array.of(1, 0) } }]),
        ),
      },
    }),
  fromJSON: (json) => LstmAttentionForecaster.fromJSON(json),
  tolerance: 1e-5,
});

describe('conformal calibration of the quantiles', () => {
  it('widens the p10-p90 pair by the 80% quantile of the two-sided scores, leaves the median', async () => {
    const { conformalShifts } = await import('./lstm-calibration');
    const count = 41;
    const data = {
      count,
      encoder: new Float32Array(0),
      decoder: new Float32Array(0),
      statics: new Float32Array(0),
      ids: new Int32Array(count),
      targets: Float32Array.from({ length: count }, (_, i) => i - 20),
      mask: new Float32Array(count).fill(1),
    };
    // One step; every band is [-1, 1]: scores max(-1 - y, y - 1) = |y| - 1 for y = -20..20.
    const raw = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) raw.set([-1, 0, 1], i * 3);
    const shifts = conformalShifts(raw, data, [0.1, 0.5, 0.9], 1);
    // Scores sorted: -1, 0, 0, 1, 1, …, 19, 19; the type-7 80% quantile is at position 32 → 15.
    expect(shifts[2][0]).toBeCloseTo(15, 9);
    expect(shifts[0][0]).toBeCloseTo(-15, 9);
    expect(shifts[1][0]).toBe(0);
    // Widened to [-16, 16]: 33 of the 41 values (80.5%) are inside.
    const inside = Array.from(data.targets).filter((y) => y >= -16 && y <= 16).length;
    expect(inside).toBe(33);
  });
});
