import { expectDeepClose } from '@shoppilot/core/testing';
import { RidgeForecaster, truncatePanel } from '@shoppilot/forecast';
import { describe, expect, it } from 'vitest';
import { splitPanel, syntheticPanel } from '../../__fixtures__/synthetic-panel';
import { weightedAverage } from '../../aggregation/fedavg';
import { createRidgeProximalTrainer, createRidgeStatisticsTrainer } from './ridge-trainers';

const options = {
  lambda: 1,
  transforms: { price: 'log' as const },
  slopesBy: { price: 'brand' },
  slopeLevels: { price: ['x', 'y', 'z'] },
  lags: [0, 1],
  means: [4],
  maxHorizon: 4,
};
const train = { round: 1, epochs: 1, proximalMu: 0, seed: 1 };

function sum(vectors: Float64Array[]): Float64Array {
  const out = new Float64Array(vectors[0].length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) out[i] += v[i];
  return out;
}

/**
 * Forecast's central fit puts a 1e-8·(XᵀX)_jj penalty on the series intercepts; the federated fit
 * profiles them out exactly. The step dummies sum to the intercept, so the two fits differ by a
 * constant shared between intercepts and steps (~2e-4 here) that cancels in every forecast, and by
 * ~1e-6 relative elsewhere. Compare slopes directly and steps as contrasts.
 */
function expectSameSlopes(actual: Record<string, number>, expected: Record<string, number>, names: string[]) {
  const steps = names.filter((n) => /^step\d+$/.test(n));
  const centre = (record: Record<string, number>) => steps.reduce((a, n) => a + record[n], 0) / steps.length;
  const [a0, e0] = [centre(actual), centre(expected)];
  for (const name of names) {
    const [a, e] = steps.includes(name)
      ? [actual[name] - a0, expected[name] - e0]
      : [actual[name], expected[name]];
    expect(Math.abs(a - e)).toBeLessThan(1e-5 * Math.max(1, Math.abs(e)));
  }
}

async function federatedStatistics(clients: ReturnType<typeof createRidgeStatisticsTrainer>[]) {
  return sum(await Promise.all(clients.map(async (c) => (await c.train(undefined, train)).values)));
}

describe('federated ridge by sufficient statistics', () => {
  const { panel } = truncatePanel(syntheticPanel({ seed: 4 }), 2350 + 75);
  const parts = splitPanel(panel, 3);

  it('gives the central RidgeForecaster slopes and forecasts (known answer: the central fit)', async () => {
    const central = new RidgeForecaster(options).fit(panel);
    const clients = parts.map((p) => createRidgeStatisticsTrainer(p, options));
    expect(new Set(clients.map((c) => c.layoutHash)).size).toBe(1);
    const global = await federatedStatistics(clients);
    const models = clients.map((c) => c.forecaster(global));
    const centralSlopes = central.coefficients();
    for (const model of models) {
      const slopes = model.coefficients();
      expectSameSlopes(slopes, centralSlopes, clients[0].spec.columns);
    }
    const future = syntheticPanel({ seed: 4 });
    const plans = {
      axis: future.axis,
      series: new Map(future.series.map((s) => [s.id, { start: s.start, values: s.future }])),
    };
    const centralForecast = central.predict({ horizon: 4, future: plans });
    for (const model of models) {
      for (const forecast of model.predict({ horizon: 4, future: plans }).forecasts) {
        const reference = centralForecast.forecasts.find((f) => f.id === forecast.id)!;
        expectDeepClose(forecast.mean, reference.mean, 1e-5);
      }
    }
  });

  it('recovers the generating elasticities and the local-only model is worse on the holdout than the federated one', async () => {
    const clients = parts.map((p) => createRidgeStatisticsTrainer(p, { ...options, lambda: 1e-6 }));
    const global = await federatedStatistics(clients);
    const slopes = clients[0].forecaster(global).coefficients();
    expect(slopes['price|brand=x']).toBeCloseTo(-2, 0);
    expect(slopes['price|brand=z']).toBeCloseTo(-0.5, 0);
    expect(slopes.deal).toBeCloseTo(0.4, 1);
    const metrics = await Promise.all(clients.map((c) => c.evaluate(global)));
    const federated = metrics.reduce((a, m) => a + m.federatedHoldoutError, 0);
    const local = metrics.reduce((a, m) => a + m.localHoldoutError, 0);
    expect(federated).toBeLessThan(local);
  });

  it('the local-only model equals RidgeForecaster fitted on the client data alone', () => {
    const client = createRidgeStatisticsTrainer(parts[0], options);
    const alone = new RidgeForecaster(options).fit(parts[0]).coefficients();
    const local = client.localForecaster().coefficients();
    // Client 0 holds brand x only, so the central-style model has no columns for y and z.
    const shared = client.spec.columns.filter((name) => name in alone);
    expect(shared.length).toBe(client.spec.columns.length - 2);
    expectSameSlopes(local, alone, shared);
  });
});

describe('federated ridge by parameter averaging (FedAvg / FedProx)', () => {
  const { panel } = truncatePanel(syntheticPanel({ seed: 5 }), 2350 + 75);
  const parts = splitPanel(panel, 3);

  it('FedAvg of exact local solves stays at the one-shot average; FedProx rounds move toward the central slopes', async () => {
    // Each client holds one brand (round-robin split), the hard non-IID case where client drift shows.
    const exactTrainer = createRidgeStatisticsTrainer(panel, options);
    const exact = exactTrainer.forecaster((await exactTrainer.train(undefined, train)).values).coefficients();
    const clients = parts.map((p) => createRidgeProximalTrainer(p, options));
    const centralBeta = Float64Array.from(clients[0].spec.columns, (n) => exact[n]);
    const run = async (mu: number) => {
      let global: Float64Array | undefined;
      const distances: number[] = [];
      for (let round = 1; round <= 10; round++) {
        const updates = await Promise.all(
          clients.map((c) => c.train(global, { ...train, round, proximalMu: mu })),
        );
        global = weightedAverage(updates.map((u) => ({ values: u.values, weight: u.samples })));
        distances.push(Math.hypot(...global.map((b, j) => b - centralBeta[j])));
      }
      return distances;
    };
    const fedavg = await run(0);
    const fedprox = await run(0.1);
    expect(fedavg.at(-1)!).toBeCloseTo(fedavg[0], 10);
    for (let r = 1; r < fedprox.length; r++) expect(fedprox[r]).toBeLessThan(fedprox[r - 1]);
    expect(fedprox.at(-1)!).toBeLessThan(0.6 * fedavg.at(-1)!);
  });
});
