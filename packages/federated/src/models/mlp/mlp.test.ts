import { createRng } from '@shoppilot/core';
import { truncatePanel } from '@shoppilot/forecast';
import { describe, expect, it } from 'vitest';
import { syntheticPanel } from '../../__fixtures__/synthetic-panel';
import { weightedAverage } from '../../aggregation/fedavg';
import { choleskySolve } from '../ridge/ridge-statistics';
import { initialParameters, type MlpShape, mseAndGradient, parameterCount } from './mlp-network';
import { createMlpTrainer, type RegressionData, trainEpochs } from './mlp-trainer';
import { panelRegressionData } from './panel-regression-data';

function linearData(rows: number, seed: number, beta = [1.5, -2, 0.5]): RegressionData {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: rows * beta.length }, () => rng.normal());
  const y = Float64Array.from(
    { length: rows },
    (_, r) => 0.3 + beta.reduce((a, b, j) => a + b * x[r * beta.length + j], 0) + 0.1 * rng.normal(),
  );
  return { x, y, inputs: beta.length };
}

describe('MLP network', () => {
  it('backpropagation matches central finite differences (relu and tanh)', () => {
    for (const activation of ['relu', 'tanh'] as const) {
      const shape: MlpShape = { inputs: 3, hidden: [5, 4], activation };
      const data = linearData(7, 2);
      const w = initialParameters(shape, createRng(3));
      const rows = [0, 1, 2, 3, 4, 5, 6];
      const gradient = new Float64Array(w.length);
      mseAndGradient(shape, w, data, rows, gradient);
      for (let i = 0; i < w.length; i += 3) {
        const h = 1e-6;
        const plus = Float64Array.from(w);
        const minus = Float64Array.from(w);
        plus[i] += h;
        minus[i] -= h;
        const numeric =
          (mseAndGradient(shape, plus, data, rows) - mseAndGradient(shape, minus, data, rows)) / (2 * h);
        expect(gradient[i]).toBeCloseTo(numeric, 5);
      }
    }
    expect(parameterCount({ inputs: 25, hidden: [304, 304], activation: 'relu' })).toBe(100_929);
  });

  it('with no hidden layer and full-batch gradient descent it converges to least squares (closed form)', async () => {
    const data = linearData(200, 4);
    const shape: MlpShape = { inputs: 3, hidden: [], activation: 'relu' };
    const { parameters } = await trainEpochs(
      shape,
      data,
      new Float64Array(4),
      { optimizer: 'sgd', learningRate: 0.3, batchSize: 0 },
      { round: 1, epochs: 400, proximalMu: 0, seed: 1 },
    );
    // Normal equations with an intercept column: [X 1]ᵀ[X 1] b = [X 1]ᵀy.
    const a = new Float64Array(16);
    const b = new Float64Array(4);
    for (let r = 0; r < 200; r++) {
      const row = [...data.x.subarray(r * 3, r * 3 + 3), 1];
      for (let i = 0; i < 4; i++) {
        b[i] += row[i] * data.y[r];
        for (let j = 0; j < 4; j++) a[i * 4 + j] += row[i] * row[j];
      }
    }
    const exact = choleskySolve(a, b, 4);
    for (let i = 0; i < 4; i++) expect(parameters[i]).toBeCloseTo(exact[i], 8);
  });
});

describe('samples per epoch', () => {
  it('a full-batch epoch over samplesPerEpoch rows is one gradient step on the seeded draw of those rows', async () => {
    const shape: MlpShape = { inputs: 3, hidden: [4], activation: 'tanh' };
    const data = linearData(40, 5);
    const start = initialParameters(shape, createRng(6));
    const options = { hidden: [4], activation: 'tanh' as const, optimizer: 'sgd' as const, batchSize: 0 };
    const training = { round: 1, epochs: 1, proximalMu: 0, seed: 9 };
    const result = await trainEpochs(
      shape,
      data,
      start,
      { ...options, learningRate: 0.05, samplesPerEpoch: 10 },
      training,
    );
    // The same draw by hand: the first 10 of a seed-9 shuffle of the row indices, without replacement.
    const drawn = createRng(9)
      .shuffle(Array.from({ length: 40 }, (_, i) => i))
      .slice(0, 10);
    const gradient = new Float64Array(start.length);
    const loss = mseAndGradient(shape, start, data, drawn, gradient);
    expect(result.loss).toBeCloseTo(loss, 12);
    for (let i = 0; i < start.length; i++)
      expect(result.parameters[i]).toBeCloseTo(start[i] - 0.05 * gradient[i], 12);
    // Asking for every row (or more) is the plain full-batch epoch.
    const all = await trainEpochs(shape, data, start, { ...options, learningRate: 0.05 }, training);
    const more = await trainEpochs(
      shape,
      data,
      start,
      { ...options, learningRate: 0.05, samplesPerEpoch: 99 },
      training,
    );
    expect(Array.from(more.parameters)).toEqual(Array.from(all.parameters));
    expect(Math.abs(all.parameters[0] - result.parameters[0])).toBeGreaterThan(1e-9);
  });
});

describe('FedAvg and FedProx on the MLP', () => {
  const clients = [linearData(50, 10), linearData(120, 11, [1, -1, 0]), linearData(80, 12, [2, -3, 1])];
  const options = {
    hidden: [6],
    optimizer: 'sgd' as const,
    learningRate: 0.05,
    batchSize: 0,
    compareLocal: false,
  };
  const round = (r: number, mu = 0) => ({ round: r, epochs: 1, proximalMu: mu, seed: r });

  it('FedAvg with one full-batch epoch per round equals central gradient descent (exact)', async () => {
    const trainers = clients.map((c) => createMlpTrainer(c, options));
    const pooled: RegressionData = {
      x: Float64Array.from(clients.flatMap((c) => [...c.x])),
      y: Float64Array.from(clients.flatMap((c) => [...c.y])),
      inputs: 3,
    };
    const central = createMlpTrainer(pooled, options);
    let global: Float64Array | undefined;
    let centralGlobal: Float64Array | undefined;
    for (let r = 1; r <= 5; r++) {
      const updates = await Promise.all(trainers.map((t) => t.train(global, round(r))));
      global = weightedAverage(updates.map((u) => ({ values: u.values, weight: u.samples })));
      centralGlobal = (await central.train(centralGlobal, round(r))).values;
    }
    for (let i = 0; i < global!.length; i++) expect(global![i]).toBeCloseTo(centralGlobal![i], 12);
  });

  it('the proximal term keeps local parameters near the global ones', async () => {
    const trainer = createMlpTrainer(clients[2], { ...options, batchSize: 16 });
    const global = (await trainer.train(undefined, round(1))).values;
    const drift = async (mu: number) => {
      const local = (await trainer.train(global, { ...round(2, mu), epochs: 20 })).values;
      return Math.hypot(...local.map((v, i) => v - global[i]));
    };
    expect(await drift(10)).toBeLessThan(0.5 * (await drift(0)));
  });

  it('reports the federated model next to the local-only one', async () => {
    const trainer = createMlpTrainer(clients[0], { hidden: [4] }, clients[0]);
    const update = await trainer.train(undefined, round(1));
    const metrics = await trainer.evaluate(update.values);
    expect(Object.keys(metrics).sort()).toEqual(['federatedValLoss', 'localValLoss']);
    // Without other clients the two models have seen the same data for the same epochs.
    expect(metrics.federatedValLoss).toBeCloseTo(metrics.localValLoss, 10);
  });
});

describe('panel regression data', () => {
  it('centres targets per series and keeps the last maxHorizon periods for validation', () => {
    const { panel } = truncatePanel(syntheticPanel({ series: 4, seed: 2 }), 2350 + 59);
    const { train, validation, spec } = panelRegressionData(panel, {
      transforms: { price: 'log' },
      lags: [0],
      means: [],
      maxHorizon: 3,
    });
    expect(spec.columns).toEqual(['price', 'deal', 'lag0', 'step1', 'step2', 'step3']);
    // 4 series x 3 steps from the origin end − 3 (series s1 has one missing value before it).
    expect(validation.y.length).toBe(12);
    expect(train.x.length).toBe(train.y.length * 6);
    const mean = train.y.reduce((a, v) => a + v, 0) / train.y.length;
    expect(Math.abs(mean)).toBeLessThan(1e-9);
  });
});
