import { RidgeForecaster, truncatePanel } from '@shoppilot/forecast';
import { describe, expect, it } from 'vitest';
import { splitPanel, syntheticPanel } from '../__fixtures__/synthetic-panel';
import { createRidgeStatisticsTrainer } from '../models/ridge/ridge-trainers';
import { runLocalFederation } from './local-federation';

describe('runLocalFederation (key holder, coordinator and clients over HTTP on this machine)', () => {
  it('ridge sufficient statistics summed under CKKS give the central ridge slopes', async () => {
    const options = {
      lambda: 1,
      transforms: { price: 'log' as const },
      slopesBy: { price: 'brand' },
      slopeLevels: { price: ['x', 'y', 'z'] },
      lags: [0],
      means: [4],
      maxHorizon: 3,
    };
    const { panel } = truncatePanel(syntheticPanel({ seed: 9 }), 2350 + 70);
    const trainers = splitPanel(panel, 3).map((part) => createRidgeStatisticsTrainer(part, options));
    const { result, clients: results } = await runLocalFederation({
      plan: { strategy: 'sum', secure: 'ckks' },
      trainers,
    });
    expect(result.status).toBe('completed');
    expect(results.every((r) => r.status === 'completed')).toBe(true);
    const central = new RidgeForecaster(options).fit(panel).coefficients();
    const federated = trainers[1].forecaster(results[1].global!).coefficients();
    for (const name of ['price|brand=x', 'price|brand=y', 'price|brand=z', 'deal', 'lag0', 'mean4']) {
      expect(Math.abs(federated[name] - central[name])).toBeLessThan(
        1e-5 * Math.max(1, Math.abs(central[name])),
      );
    }
    // Each client's evaluation compares the federated and its local-only holdout error.
    expect(Object.keys(results[0].metrics).sort()).toEqual(['federatedHoldoutError', 'localHoldoutError']);
  }, 60_000);
});
