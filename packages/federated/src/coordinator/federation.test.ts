import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { runFederatedClient } from '../client/client-runner';
import { startKeyholder } from '../keyholder/keyholder';
import { createMlpTrainer, type RegressionData } from '../models/mlp/mlp-trainer';
import { generateToken } from '../protocol/signing';
import { startCoordinator } from './coordinator';
import type { FederationPlan } from './federation-plan';

function linearData(rows: number, seed: number, beta = [1.5, -2, 0.5]): RegressionData {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: rows * beta.length }, () => rng.normal());
  const y = Float64Array.from(
    { length: rows },
    (_, r) => 0.3 + beta.reduce((a, b, j) => a + b * x[r * beta.length + j], 0) + 0.1 * rng.normal(),
  );
  return { x, y, inputs: beta.length };
}

async function federate(plan: FederationPlan, clientCount = 3) {
  const clients = Array.from({ length: clientCount }, (_, i) => ({
    id: `w${i + 1}`,
    token: generateToken(),
  }));
  const coordinatorCredentials = { id: 'coordinator', token: generateToken() };
  const keyholder =
    plan.secure === 'ckks'
      ? await startKeyholder({ coordinator: coordinatorCredentials, ckks: plan.ckks })
      : undefined;
  const coordinator = await startCoordinator({
    plan: { minClients: clientCount, roundTimeoutMs: 20_000, ...plan },
    clients,
    keyholder: keyholder ? { url: keyholder.url, credentials: coordinatorCredentials } : undefined,
  });
  const data = clients.map((_, i) => linearData(60 + 20 * i, 20 + i));
  const options = {
    hidden: [],
    optimizer: 'sgd' as const,
    learningRate: 0.1,
    batchSize: 0,
    compareLocal: false,
  };
  try {
    const results = await Promise.all(
      clients.map((credentials, i) =>
        runFederatedClient({
          coordinatorUrl: coordinator.url,
          keyholderUrl: keyholder?.url,
          credentials,
          trainer: createMlpTrainer(data[i], options),
        }),
      ),
    );
    return {
      result: await coordinator.done,
      clients: results,
      data,
      rejections: await coordinator.log.rejections(),
    };
  } finally {
    await coordinator.close();
    await keyholder?.close();
  }
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
});
