/**
 * One federated role in its own process (the demo spawns five: a key holder, a coordinator and
 * three warehouses). Configured by a JSON argument; writes one JSON event per line to stdout.
 *   node --conditions=@shoppilot/source --import tsx role.ts '{"role":"client",…}'
 */
import { readFileSync } from 'node:fs';
import {
  type Credentials,
  type FederationPlan,
  runFederatedClient,
  startCoordinator,
  startKeyholder,
} from '@shoppilot/federated';
import { curveReportingTrainer } from './model';
import { regressionFromJson } from './warehouses';

export interface RoleConfig {
  role: 'keyholder' | 'coordinator' | 'client';
  /** This party's credentials (client) or the coordinator's (keyholder, coordinator). */
  credentials: Credentials;
  clients?: Credentials[];
  plan?: FederationPlan;
  storage?: string;
  coordinatorUrl?: string;
  keyholderUrl?: string;
  /** Client: the file with this warehouse's own rows (nobody else reads it). */
  dataFile?: string;
}

const say = (event: object) => process.stdout.write(`${JSON.stringify(event)}\n`);

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

async function keyholder(config: RoleConfig): Promise<void> {
  const handle = await startKeyholder({
    coordinator: config.credentials,
    ckks: config.plan?.ckks,
    onEvent: (event) => say(event),
  });
  const stop = () =>
    void handle.close().then(() => {
      say({ type: 'exit', cpuSeconds: cpuSeconds() });
      process.exit(0);
    });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function coordinator(config: RoleConfig): Promise<void> {
  const handle = await startCoordinator({
    plan: config.plan,
    clients: config.clients ?? [],
    storage: config.storage,
    keyholder: config.keyholderUrl
      ? { url: config.keyholderUrl, credentials: config.credentials }
      : undefined,
    pollTimeoutMs: 2000,
    onEvent: (event) => say(event),
  });
  const result = await handle.done;
  say({
    type: 'result',
    status: result.status,
    lastCompletedRound: result.lastCompletedRound,
    parameters: result.global?.length ?? 0,
  });
  // clients fetch the final model after the last round: keep serving until the parent stops us
  const stop = () =>
    void handle.close().then(() => {
      say({ type: 'exit', cpuSeconds: cpuSeconds() });
      process.exit(0);
    });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function client(config: RoleConfig): Promise<void> {
  const data = JSON.parse(readFileSync(config.dataFile ?? '', 'utf8'));
  const trainer = curveReportingTrainer(regressionFromJson(data.train), regressionFromJson(data.validation));
  const result = await runFederatedClient({
    coordinatorUrl: config.coordinatorUrl ?? '',
    keyholderUrl: config.keyholderUrl,
    credentials: config.credentials,
    trainer,
    giveUpAfterMs: 120_000,
    onEvent: (event) => say(event),
  });
  say({
    type: 'result',
    status: result.status,
    contributed: result.contributed,
    metrics: result.metrics,
    bytes: result.bytes,
    samples: trainer.sampleCount,
  });
  say({ type: 'exit', cpuSeconds: cpuSeconds() });
}

const config = JSON.parse(process.argv[2] ?? '{}') as RoleConfig;
const run = config.role === 'keyholder' ? keyholder : config.role === 'coordinator' ? coordinator : client;
run(config).catch((error: unknown) => {
  say({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  process.exit(1);
});
