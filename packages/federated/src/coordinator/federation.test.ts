import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { freePort } from '../__fixtures__/spawn-role';
import { runLocalFederation } from '../local/local-federation';
import { createMlpTrainer, type RegressionData } from '../models/mlp/mlp-trainer';
import { generateToken } from '../protocol/signing';
import { startCoordinator } from './coordinator';
import { type FederationPlan, resolvePlan } from './federation-plan';

function linearData(rows: number, seed: number, beta = [1.5, -2, 0.5]): RegressionData {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: rows * beta.length }, () => rng.normal());
  const y = Float64Array.from(
    { length: rows },
    (_, r) => 0.3 + beta.reduce((a, b, j) => a + b * x[r * beta.length + j], 0) + 0.1 * rng.normal(),
  );
  return { x, y, inputs: beta.length };
}

async function federate(plan: FederationPlan, clientCount = 3, clientKeyholderUrl?: string) {
  const data = Array.from({ length: clientCount }, (_, i) => linearData(60 + 20 * i, 20 + i));
  const options = {
    hidden: [],
    optimizer: 'sgd' as const,
    learningRate: 0.1,
    batchSize: 0,
    compareLocal: false,
  };
  const run = await runLocalFederation({
    plan: { roundTimeoutMs: 20_000, ...plan },
    trainers: data.map((part) => createMlpTrainer(part, options)),
    client: { keyholderUrl: clientKeyholderUrl },
  });
  return { ...run, data };
}

describe('a federation over HTTP in one process', () => {
  it('plaintext, CKKS and masking give the same FedAvg model (to the encodings precision)', async () => {
    const runs = await Promise.all(
      ['none', 'ckks', 'masking'].map((secure) => federate({ secure: secure as 'none', rounds: 3 })),
    );
    for (const run of runs) {
      expect(run.result.status).toBe('completed');
      expect(run.result.lastCompletedRound).toBe(3);
      expect(run.clients.every((c) => c.status === 'completed' && c.contributed.length === 3)).toBe(true);
    }
    const [plain, ckks, masked] = runs.map((r) => r.result.global!);
    for (let i = 0; i < plain.length; i++) {
      expect(Math.abs(ckks[i] - plain[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(plain[i])));
      expect(Math.abs(masked[i] - plain[i])).toBeLessThan(1e-5);
    }
  }, 120_000);

  it('masking clients given the address of a key holder that is not running still join and finish', async () => {
    // Nothing listens on a port just released (the CLI passes a default key holder address).
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await federate({ secure: 'masking', rounds: 2 }, 3, closed);
    expect(run.result.status).toBe('completed');
    expect(run.clients.map((c) => c.contributed)).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
  }, 120_000);
});

describe('strategies and safeguards over HTTP', () => {
  it('differential privacy: clipped, noised updates and the RDP budget in the round log', async () => {
    const { gaussianPrivacyBudget } = await import('../privacy/rdp-accountant');
    const run = await federate({
      secure: 'masking',
      rounds: 2,
      privacy: { clipNorm: 5, noiseMultiplier: 1.2 },
    });
    expect(run.result.status).toBe('completed');
    const completed = run.result.rounds.filter((r) => r.status === 'completed');
    expect(completed.map((r) => r.privacy?.epsilon)).toEqual(
      [1, 2].map((t) => gaussianPrivacyBudget(1.2, t, 1e-5).epsilon),
    );
    expect(completed[0].metrics.updateNorm).toBeGreaterThan(0);
    expect(() => resolvePlan({ strategy: 'sum', privacy: { clipNorm: 1, noiseMultiplier: 1 } })).toThrow(
      /bounded sensitivity/,
    );
  }, 60_000);

  it('a robust rule (trimmed mean) runs in plaintext and is refused with encryption', async () => {
    const run = await federate({ secure: 'none', aggregation: 'trimmed-mean', trim: 0.34, rounds: 2 });
    expect(run.result.status).toBe('completed');
    expect(() => resolvePlan({ secure: 'ckks', aggregation: 'median' })).toThrow(/only sees the sum/);
  }, 60_000);

  it('a round without quorum fails after its deadline and the run ends instead of hanging', async () => {
    const clients = [
      { id: 'a', token: generateToken() },
      { id: 'b', token: generateToken() },
    ];
    const coordinator = await startCoordinator({
      plan: { secure: 'none', minClients: 2, roundTimeoutMs: 300, maxAttempts: 2, waitForClientsMs: 1500 },
      clients,
      livenessMs: 200,
      pollTimeoutMs: 100,
    });
    const { exchange } = await import('../protocol/http-client');
    const send = (
      i: number,
      path: string,
      header: { type: string } & Record<string, unknown>,
      blobs: Uint8Array[] = [],
    ) => exchange(coordinator.url, path, clients[i], { header, blobs });
    for (const i of [0, 1])
      await send(i, '/v1/join', {
        type: 'join',
        samples: 5,
        parameterCount: 2,
        layoutHash: 'h',
        updateKind: 'parameters',
      });
    const [task] = await Promise.all([
      send(0, '/v1/poll', { type: 'poll' }),
      send(1, '/v1/poll', { type: 'poll' }),
    ]);
    const header = task.frame.header;
    await send(
      0,
      '/v1/update',
      {
        type: 'update',
        round: 1,
        roundId: header.roundId,
        samples: 5,
        encoding: 'none',
        length: 2,
        metrics: {},
      },
      [new Uint8Array(16)],
    );
    const result = await coordinator.done;
    await coordinator.close();
    expect(result.status).toBe('failed');
    expect(result.lastCompletedRound).toBe(0);
    expect(result.rounds.map((r) => r.reason)).toEqual([
      'quorum not reached: 1 of 2 updates, 2 needed',
      'fewer live clients than needed for 1500 ms',
    ]);
  }, 30_000);
});
