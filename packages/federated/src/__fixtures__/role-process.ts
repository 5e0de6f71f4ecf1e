/**
 * Test fixture: runs one federated role in its own process, configured by a JSON argument, and
 * writes one JSON line per event to stdout (`{"event": …}`). Tests spawn it with
 * `process.execPath --conditions=@shoppilot/source --import tsx role-process.ts '<json>'`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFederatedClient } from '../client/client-runner';
import { startCoordinator } from '../coordinator/coordinator';
import type { FederationPlan } from '../coordinator/federation-plan';
import { startKeyholder } from '../keyholder/keyholder';
import { createMlpTrainer } from '../models/mlp/mlp-trainer';
import type { Credentials } from '../protocol/signing';
import { fixtureData } from './fixture-data';

interface RoleConfig {
  role: 'coordinator' | 'keyholder' | 'client';
  credentials?: Credentials;
  coordinator?: Credentials;
  clients?: Credentials[];
  plan?: FederationPlan;
  storage?: string;
  recordDir?: string;
  coordinatorUrl?: string;
  keyholderUrl?: string;
  dataSeed?: number;
  rows?: number;
  /** Sleep this long before sending the update of these rounds, the first time each is seen (a slow or killable client). */
  delays?: Record<string, number>;
  livenessMs?: number;
  port?: number;
}

const say = (event: object) => process.stdout.write(`${JSON.stringify(event)}\n`);

async function main(config: RoleConfig): Promise<void> {
  if (config.role === 'keyholder') {
    const keyholder = await startKeyholder({
      coordinator: config.coordinator!,
      ckks: config.plan?.ckks,
      port: config.port,
      onEvent: (e) => say({ event: e }),
    });
    process.on('SIGTERM', () => void keyholder.close().then(() => process.exit(0)));
    return;
  }
  if (config.role === 'coordinator') {
    let received = 0;
    if (config.recordDir) mkdirSync(config.recordDir, { recursive: true });
    const coordinator = await startCoordinator({
      plan: config.plan,
      clients: config.clients!,
      storage: config.storage,
      keyholder: config.keyholderUrl
        ? { url: config.keyholderUrl, credentials: config.coordinator! }
        : undefined,
      livenessMs: config.livenessMs,
      port: config.port,
      pollTimeoutMs: 2000,
      onEvent: (e) => say({ event: e }),
      onReceive: (info) => {
        if (config.recordDir)
          writeFileSync(
            join(
              config.recordDir,
              `${String(received++).padStart(5, '0')}-${info.path.replaceAll('/', '_')}.bin`,
            ),
            info.body,
          );
      },
    });
    const result = await coordinator.done;
    // Reports the result only once every live client has been told, so a test that stops the
    // coordinator on 'result' never cuts off a client still fetching the final model.
    await coordinator.drained(20_000);
    say({
      event: {
        type: 'result',
        status: result.status,
        lastCompletedRound: result.lastCompletedRound,
        global: Array.from(result.global ?? []),
      },
    });
    // Keeps serving (late updates are still refused and logged) until the test sends SIGTERM.
    process.on('SIGTERM', () => void coordinator.close().then(() => process.exit(0)));
    return;
  }
  const data = fixtureData(config.dataSeed ?? 1, config.rows ?? 40);
  const trainer = createMlpTrainer(data, {
    hidden: [],
    optimizer: 'sgd',
    learningRate: 0.1,
    batchSize: 0,
    compareLocal: true,
  });
  const delayed = new Set<number>();
  const result = await runFederatedClient({
    coordinatorUrl: config.coordinatorUrl!,
    keyholderUrl: config.keyholderUrl,
    credentials: config.credentials!,
    trainer,
    // A restarted coordinator can take a minute to come up on a loaded machine.
    giveUpAfterMs: 240_000,
    onEvent: (e) => say({ event: e }),
    beforeUpdate: async ({ round }) => {
      const delay = config.delays?.[String(round)];
      if (delay && !delayed.has(round)) {
        delayed.add(round);
        say({ event: { type: 'delaying', round, ms: delay } });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    },
  });
  say({
    event: {
      type: 'result',
      status: result.status,
      contributed: result.contributed,
      metrics: result.metrics,
      bytes: result.bytes,
    },
  });
}

main(JSON.parse(process.argv[2]) as RoleConfig).catch((error) => {
  say({ event: { type: 'error', message: error instanceof Error ? error.stack : String(error) } });
  process.exit(1);
});
