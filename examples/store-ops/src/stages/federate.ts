import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Credentials, type FederationPlan, generateToken } from '@shoppilot/federated';
import type { DemoContext } from '../context';
import type { StageDefinition, StageTools } from '../runner/stage-runner';
import { centralCurve } from './federate/central';
import { type RoleEvent, RoleProcess } from './federate/spawn';
import { regressionToJson, splitWarehouses, type WarehouseData } from './federate/warehouses';

const ROUNDS = 10;
const LOCAL_EPOCHS = 1;
const PRODUCTS = 30;

export interface FederateSection {
  rounds: number;
  localEpochs: number;
  secure: string;
  products: number;
  warehouses: Array<{
    id: string;
    name: string;
    rule: string;
    orderLines: number;
    trainRows: number;
    validationRows: number;
    federatedRmse: number;
    localRmse: number;
    bytesSent: number;
    bytesReceived: number;
  }>;
  /** Validation RMSE (units per product-week) after each round. */
  curve: Array<{ round: number; federated: number | null; localOnly: number | null; central: number }>;
  final: { federated: number; localOnly: number; central: number };
  /** RMSE of repeating last week's sales, for scale. */
  naive: number;
  roundSeconds: number[];
  bytesPerClientPerRound: number;
  processes: Array<{ name: string; cpuSeconds: number }>;
  status: string;
}

const PLAN: FederationPlan = {
  name: 'store-ops-demand',
  rounds: ROUNDS,
  strategy: 'fedavg',
  secure: 'ckks',
  localEpochs: LOCAL_EPOCHS,
  minClients: 3,
  quorum: 1,
  minUpdates: 3,
  roundTimeoutMs: 120_000,
  seed: 5,
};

function logEvent(tools: StageTools) {
  return (name: string, event: RoleEvent) => {
    if (event.type === 'round-completed') {
      const entry = event.entry as { round: number; closedAt: number; startedAt: number };
      tools.progress.update(
        'federated rounds',
        entry.round,
        ROUNDS,
        `${name}: round ${entry.round} in ${((entry.closedAt - entry.startedAt) / 1000).toFixed(1)} s`,
      );
    } else if (event.type === 'listening') tools.progress.line(`  ${name} listening on ${String(event.url)}`);
    else if (event.type === 'joined' || event.type === 'round-failed' || event.type === 'error')
      tools.progress.line(`  ${name}: ${event.type}${event.message ? ` ${String(event.message)}` : ''}`);
  };
}

function writeWarehouseFiles(dir: string, warehouses: readonly WarehouseData[]): string[] {
  mkdirSync(dir, { recursive: true });
  return warehouses.map((w) => {
    const file = join(dir, `${w.id}.json`);
    writeFileSync(
      file,
      JSON.stringify({ train: regressionToJson(w.train), validation: regressionToJson(w.validation) }),
    );
    return file;
  });
}

interface RunOutcome {
  rounds: Array<{
    round: number;
    metrics: Record<string, number>;
    seconds: number;
    bytes: Record<string, { up: number; down: number }>;
  }>;
  clients: RoleEvent[];
  status: string;
  processes: RoleProcess[];
}

/** Starts the key holder, the coordinator and one process per warehouse, and waits for the run. */
async function runFederation(
  dir: string,
  files: string[],
  ids: string[],
  tools: StageTools,
): Promise<RunOutcome> {
  for (const suffix of ['', '-wal', '-shm'])
    rmSync(join(dir, `coordinator.sqlite${suffix}`), { force: true });
  const coordinatorCredentials: Credentials = { id: 'coordinator', token: generateToken() };
  const clients: Credentials[] = ids.map((id) => ({ id, token: generateToken() }));
  const onEvent = logEvent(tools);
  const processes: RoleProcess[] = [];
  try {
    const keyholder = new RoleProcess(
      'key holder',
      { role: 'keyholder', credentials: coordinatorCredentials, plan: PLAN },
      onEvent,
    );
    processes.push(keyholder);
    const keyholderUrl = String((await keyholder.waitFor('listening', 180_000)).url);
    const coordinator = new RoleProcess(
      'coordinator',
      {
        role: 'coordinator',
        credentials: coordinatorCredentials,
        clients,
        plan: PLAN,
        storage: `sqlite:${join(dir, 'coordinator.sqlite')}`,
        keyholderUrl,
      },
      onEvent,
    );
    processes.push(coordinator);
    const coordinatorUrl = String((await coordinator.waitFor('listening', 180_000)).url);
    const workers = ids.map(
      (id, i) =>
        new RoleProcess(
          id,
          { role: 'client', credentials: clients[i], coordinatorUrl, keyholderUrl, dataFile: files[i] },
          onEvent,
        ),
    );
    processes.push(...workers);
    const results = await Promise.all(workers.map((w) => w.waitFor('result', 20 * 60_000)));
    const result = await coordinator.waitFor('result', 60_000);
    await Promise.all(workers.map((w) => w.exited));
    const rounds = coordinator.events
      .filter((e) => e.type === 'round-completed')
      .map((e) => {
        const entry = e.entry as {
          round: number;
          metrics: Record<string, number>;
          startedAt: number;
          closedAt: number;
          bytes: Record<string, { up: number; down: number }>;
        };
        return {
          round: entry.round,
          metrics: entry.metrics,
          seconds: (entry.closedAt - entry.startedAt) / 1000,
          bytes: entry.bytes,
        };
      });
    return { rounds, clients: results, status: String(result.status), processes };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
  }
}

const rmse = (mse: number | undefined) => (mse === undefined ? null : Math.sqrt(mse));

async function federate(context: DemoContext, tools: StageTools): Promise<void> {
  const retail = await context.retail();
  const warehouses = splitWarehouses(retail.lines, retail.start, retail.end, PRODUCTS);
  const dir = join(context.options.outDir, 'federate');
  const files = writeWarehouseFiles(dir, warehouses);
  tools.note(
    `${warehouses.length} warehouses, ${warehouses.map((w) => `${w.name}: ${w.train.y.length} training rows`).join('; ')}`,
  );
  const outcome = await runFederation(
    dir,
    files,
    warehouses.map((w) => w.id),
    tools,
  );
  if (outcome.status !== 'completed')
    tools.degrade(`the federation ended ${outcome.status} after ${outcome.rounds.length} rounds`);
  const { initial, curve: central } = await centralCurve(
    warehouses.map((w) => w.train),
    warehouses.map((w) => w.validation),
    ROUNDS,
    LOCAL_EPOCHS,
  );
  const weights = warehouses.map((w) => w.validation.y.length);
  const finalOf = (name: string) => {
    const values = outcome.clients.map((c) => (c.metrics as Record<string, number>)[name]);
    return values.reduce((s, v, i) => s + v * weights[i], 0) / weights.reduce((a, b) => a + b, 0);
  };
  const final = {
    federated: Math.sqrt(finalOf('federatedValLoss')),
    localOnly: Math.sqrt(finalOf('localValLoss')),
    central: Math.sqrt(central[ROUNDS - 1]),
  };
  const byRound = new Map(outcome.rounds.map((r) => [r.round, r]));
  const start = {
    round: 0,
    federated: Math.sqrt(initial),
    localOnly: Math.sqrt(initial),
    central: Math.sqrt(initial),
  };
  const curve = central.map((loss, i) => {
    const round = i + 1;
    const next = byRound.get(round + 1)?.metrics;
    return {
      round,
      federated: round === ROUNDS ? final.federated : rmse(next?.previousGlobalValLoss),
      localOnly: round === ROUNDS ? final.localOnly : rmse(next?.previousLocalValLoss),
      central: Math.sqrt(loss),
    };
  });
  const ups = outcome.rounds.flatMap((r) => Object.values(r.bytes).map((b) => b.up));
  context.report.federate = {
    rounds: ROUNDS,
    localEpochs: LOCAL_EPOCHS,
    secure:
      'CKKS (node-seal, N 8192, 128-bit): the coordinator adds ciphertexts; a separate key-holder process decrypts only the sum',
    products: PRODUCTS,
    warehouses: warehouses.map((w, i) => {
      const client = outcome.clients[i];
      const metrics = client.metrics as Record<string, number>;
      const bytes = client.bytes as { sent: number; received: number };
      return {
        id: w.id,
        name: w.name,
        rule: w.rule,
        orderLines: w.lines,
        trainRows: w.train.y.length,
        validationRows: w.validation.y.length,
        federatedRmse: Math.sqrt(metrics.federatedValLoss),
        localRmse: Math.sqrt(metrics.localValLoss),
        bytesSent: bytes.sent,
        bytesReceived: bytes.received,
      };
    }),
    curve: [start, ...curve],
    final,
    naive: Math.sqrt(
      warehouses.reduce((s, w, i) => s + w.naiveMse * weights[i], 0) / weights.reduce((a, b) => a + b, 0),
    ),
    roundSeconds: outcome.rounds.map((r) => r.seconds),
    bytesPerClientPerRound: ups.reduce((a, b) => a + b, 0) / Math.max(1, ups.length),
    processes: outcome.processes.map((p) => ({ name: p.name, cpuSeconds: p.cpuSeconds() })),
    status: outcome.status,
  };
  const childCpu = outcome.processes.reduce((s, p) => s + p.cpuSeconds(), 0);
  tools.addChildCpu(childCpu);
  context.report.timing.childCpuSeconds = (context.report.timing.childCpuSeconds ?? 0) + childCpu;
}

export const federateStage: StageDefinition<DemoContext> = {
  name: 'federate',
  title: 'Federated demand model: three warehouses, encrypted aggregation',
  run: federate,
};
