import {
  buildLstmNetwork,
  futureFromPanel,
  lstmEvaluateLoss,
  lstmSamples,
  makeLstmLayout,
  type Panel,
  panelEnd,
  trainLstmNetwork,
  truncatePanel,
} from '@shoppilot/forecast';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { splitPanel, syntheticPanel } from '../../__fixtures__/synthetic-panel';
import { tinyLstmOptions } from '../../__fixtures__/tiny-lstm-options';
import { weightedAverage } from '../../aggregation/fedavg';
import { runFederatedClient } from '../../client/client-runner';
import { startCoordinator } from '../../coordinator/coordinator';
import { generateToken } from '../../protocol/signing';
import { lstmInputMoments, standardisersFromMoments } from './lstm-input-scaling';
import { flattenShared, sharedLayout, unflattenShared } from './lstm-parameters';
import { createLstmTrainer } from './lstm-trainer';

const panel = syntheticPanel({ series: 12, periods: 60, seed: 3 });
const options = tinyLstmOptions(6, 64);
const round = (r: number, mu = 0, epochs = 1) => ({ round: r, epochs, proximalMu: mu, seed: 100 + r });

describe('federated LSTM+Attention: flat parameters', () => {
  it('flatten → unflatten is exact, the embedding is left out, and clients of any size share the layout', async () => {
    const [a, b] = await Promise.all([
      createLstmTrainer(splitPanel(panel, 3)[0], options),
      createLstmTrainer(panel, options),
    ]);
    expect(a.parameterCount).toBe(b.parameterCount);
    expect(a.layoutHash).toBe(b.layoutHash);
    expect(a.weights.some((w) => w.name.startsWith('series_embedding'))).toBe(false);
    // Total = the shared weights + the embedding table (12 series x 2 in b).
    const network = buildLstmNetwork(b.layout, { units: 6, embedding: 2, levels: [0.1, 0.5, 0.9], seed: 5 });
    const total = network.getWeights().reduce((n, t) => n + t.size, 0);
    expect(b.parameterCount).toBe(total - 12 * 2);
    const values = Float64Array.from({ length: b.parameterCount }, (_, i) => Math.fround(Math.sin(i) / 3));
    unflattenShared(network, values);
    expect(Array.from(flattenShared(network))).toEqual(Array.from(values));
    expect(sharedLayout(network).weights.at(-1)!.offset + sharedLayout(network).weights.at(-1)!.size).toBe(
      b.parameterCount,
    );
    network.dispose();
    a.dispose();
    b.dispose();
  }, 60_000);

  it('pooled input scaling from summed client moments equals makeLstmLayout on all the data', () => {
    const layoutOptions = {
      horizon: 4,
      lookback: 8,
      covariates: ['price', 'deal'],
      transforms: { price: 'log' as const },
      pastCovariates: [],
      staticCovariates: ['brand'],
      calendar: false as const,
    };
    const whole = makeLstmLayout(panel, layoutOptions).layout;
    const parts = splitPanel(panel, 3).map((p) =>
      lstmInputMoments(p, makeLstmLayout(p, layoutOptions).layout),
    );
    const pooled = standardisersFromMoments(parts);
    expect(Object.keys(pooled).sort()).toEqual(Object.keys(whole.inputs).sort());
    for (const [name, s] of Object.entries(whole.inputs)) {
      expect(pooled[name].mean).toBeCloseTo(s.mean, 12);
      expect(pooled[name].sd).toBeCloseTo(s.sd, 12);
    }
  });
});

describe('federated LSTM+Attention: training', () => {
  it("one local epoch equals forecast's own training loop (one epoch, same seed), weight for weight", async () => {
    const trainer = await createLstmTrainer(panel, options);
    const update = await trainer.train(undefined, round(1));
    // forecast's path: the same layout and samples, its network builder and trainNetwork.
    const end = panelEnd(panel);
    const { train } = lstmSamples(panel, trainer.layout, { cutoff: end - 4, stride: 2, minContext: 4 });
    const network = buildLstmNetwork(trainer.layout, {
      units: 6,
      embedding: 2,
      levels: [0.1, 0.5, 0.9],
      seed: 5,
    });
    await trainLstmNetwork(network, train, undefined, {
      epochs: 1,
      batchSize: 64,
      learningRate: 0.01,
      patience: 1,
      clipNorm: 1,
      seed: 101,
      levels: [0.1, 0.5, 0.9],
    });
    expect(Array.from(update.values)).toEqual(Array.from(flattenShared(network)));
    expect(update.samples).toBe(train.count);
    network.dispose();
    trainer.dispose();
  }, 60_000);

  it('FedAvg of identical clients equals one client’s model; the proximal term limits drift', async () => {
    const clients = await Promise.all([0, 1].map(() => createLstmTrainer(panel, options)));
    const updates = await Promise.all(clients.map((c) => c.train(undefined, round(1))));
    const average = weightedAverage(updates.map((u) => ({ values: u.values, weight: u.samples })));
    expect(Array.from(average)).toEqual(Array.from(updates[0].values));
    const drift = async (client: (typeof clients)[number], mu: number) => {
      const local = (await client.train(average, round(2, mu, 8))).values;
      return Math.hypot(...local.map((v, i) => v - average[i]));
    };
    const [free, held] = await Promise.all([drift(clients[0], 0), drift(clients[1], 5)]);
    expect(held).toBeLessThan(0.5 * free);
    for (const c of clients) c.dispose();
  }, 60_000);

  it('3 clients converge in process (FedAvg, 10 rounds x 2 epochs): the global model beats the series means and the last value on held-out weeks', async () => {
    const parts: Panel[] = splitPanel(panel, 3);
    const clients = await Promise.all(
      parts.map((p) => createLstmTrainer(p, { ...options, batchSize: 32, learningRate: 0.02 })),
    );
    let global: Float64Array | undefined;
    const history: number[] = [];
    for (let r = 1; r <= 10; r++) {
      const updates = await Promise.all(clients.map((c) => c.train(global, round(r, 0, 2))));
      global = weightedAverage(updates.map((u) => ({ values: u.values, weight: u.samples })));
      const metrics = await Promise.all(clients.map((c) => c.evaluate(global!)));
      history.push(metrics.reduce((a, m) => a + m.federatedValLoss, 0) / metrics.length);
    }
    // Pinball loss of forecasting every quantile with 0 = each series' standardised mean.
    const zero = await Promise.all(
      clients.map(async (c, i) => {
        const { validation } = lstmSamples(parts[i], c.layout, {
          cutoff: panelEnd(parts[i]) - 4,
          stride: 2,
          minContext: 4,
        });
        const network = buildLstmNetwork(c.layout, {
          units: 6,
          embedding: 2,
          levels: [0.1, 0.5, 0.9],
          seed: 5,
        });
        for (const w of network.trainableWeights) w.write(tf.zerosLike(w.read()));
        const loss = lstmEvaluateLoss(network, validation, { levels: [0.1, 0.5, 0.9], batchSize: 64 });
        network.dispose();
        return loss;
      }),
    );
    const zeroLoss = zero.reduce((a, b) => a + b, 0) / zero.length;
    expect(history.at(-1)!).toBeLessThan(0.6 * zeroLoss);
    expect(history.at(-1)!).toBeLessThan(0.85 * history[0]);
    // forecast's predict on each client's network: the medians beat the last value on the held-out weeks.
    let error = 0;
    let naive = 0;
    for (const [i, part] of parts.entries()) {
      const end = panelEnd(part);
      const { forecasts } = await clients[i].forecaster(global!).predict({
        horizon: 4,
        history: truncatePanel(part, end - 4).panel,
        future: futureFromPanel(part),
      });
      expect(forecasts).toHaveLength(part.series.length);
      for (const f of forecasts) {
        const s = part.series.find((x) => x.id === f.id)!;
        const at = (period: number) => s.target[period - s.start];
        f.periods.forEach((p, k) => {
          error += Math.abs(at(p) - f.mean[k]);
          naive += Math.abs(at(p) - at(end - 4));
        });
      }
    }
    expect(error).toBeLessThan(0.75 * naive);
    for (const c of clients) c.dispose();
  }, 120_000);
});

describe('federated LSTM+Attention over HTTP', () => {
  it('runs through the coordinator and clients like the MLP (FedProx under pairwise masking, 2 rounds)', async () => {
    const parts = splitPanel(panel, 2);
    const clients = parts.map((_, i) => ({ id: `w${i + 1}`, token: generateToken() }));
    const coordinator = await startCoordinator({
      plan: {
        strategy: 'fedprox',
        secure: 'masking',
        rounds: 2,
        minClients: 2,
        localEpochs: 1,
        roundTimeoutMs: 60_000,
      },
      clients,
    });
    const trainers = await Promise.all(parts.map((p) => createLstmTrainer(p, options)));
    try {
      const results = await Promise.all(
        clients.map((credentials, i) =>
          runFederatedClient({ coordinatorUrl: coordinator.url, credentials, trainer: trainers[i] }),
        ),
      );
      const done = await coordinator.done;
      expect(done.status).toBe('completed');
      expect(done.global!.length).toBe(trainers[0].parameterCount);
      expect(results.every((r) => r.status === 'completed' && r.contributed.length === 2)).toBe(true);
      // The published model is the one the clients evaluated: forecast's loss on their held-out weeks.
      for (const r of results) expect(r.metrics.federatedValLoss).toBeGreaterThan(0);
    } finally {
      await coordinator.close();
      for (const t of trainers) t.dispose();
    }
  }, 120_000);
});
