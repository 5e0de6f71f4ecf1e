/**
 * `pnpm --filter @shoppilot/example-federated-round start [--clients 5] [--rounds 8] [--secure ckks|masking|none] [--kill]`
 *
 * Five warehouses train one demand model together without pooling their data. Everything runs as
 * separate Node processes on 127.0.0.1: a coordinator, a CKKS key holder and one client per
 * warehouse (change the addresses and the same code runs across machines). Prints per-round
 * metrics; with --kill, one warehouse is killed in round 3 and the round completes by quorum.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateToken, type RoundLogEntry } from '@shoppilot/federated';
import type { RoleConfig } from './role';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '8' },
    secure: { type: 'string', default: 'ckks' },
    epochs: { type: 'string', default: '2' },
    kill: { type: 'boolean', default: false },
  },
});
const clientCount = Number(values.clients);
const rounds = Number(values.rounds);
const secure = values.secure as 'ckks' | 'masking' | 'none';
const roleFile = fileURLToPath(new URL('./role.ts', import.meta.url));
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts one role process and calls `onEvent` for each JSON line it prints. */
function start(config: RoleConfig, onEvent: (event: Record<string, unknown>) => void): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@shoppilot/source', '--import', 'tsx', roleFile, JSON.stringify(config)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      if (line.startsWith('{')) onEvent(JSON.parse(line));
    }
  });
  return child;
}

const bar = (done: number, total: number, width = 20) =>
  `[${'#'.repeat(Math.round((done / total) * width)).padEnd(width, '-')}]`;
const format = (value: unknown) => (typeof value === 'number' ? value.toFixed(4) : '   —  ');

function showRound(entry: RoundLogEntry): void {
  const up = Object.values(entry.bytes)
    .map((b) => b.up)
    .filter((b) => b > 0);
  const kb = up.length ? up.reduce((a, b) => a + b, 0) / up.length / 1024 : 0;
  const seconds = (entry.closedAt - entry.startedAt) / 1000;
  const dropped = entry.dropped.length ? ` dropped ${entry.dropped.join(',')}` : '';
  process.stdout.write(
    `${process.stdout.isTTY ? '\r\x1b[K' : ''}${bar(entry.round, rounds)} round ${entry.round}/${rounds} ${entry.status}: ${entry.contributors.length}/${entry.selected.length} updates${dropped}, ${seconds.toFixed(1)} s, ${kb.toFixed(0)} KiB up/client, ` +
      `val loss federated ${format(entry.metrics.federatedValLoss)} vs local-only ${format(entry.metrics.localValLoss)}\n`,
  );
}

async function main(): Promise<void> {
  const coordinator = { id: 'coordinator', token: generateToken() };
  const clients = Array.from({ length: clientCount }, (_, i) => ({
    id: `warehouse-${i + 1}`,
    token: generateToken(),
  }));
  const plan = {
    name: 'example',
    rounds,
    secure,
    localEpochs: Number(values.epochs),
    minClients: clientCount,
    quorum: 0.6,
    roundTimeoutMs: 20_000,
  };
  const [coordinatorPort, keyholderPort] = [await freePort(), await freePort()];
  const coordinatorUrl = `http://127.0.0.1:${coordinatorPort}`;
  const keyholderUrl = secure === 'ckks' ? `http://127.0.0.1:${keyholderPort}` : undefined;
  const base = { plan, coordinator, clients };
  console.log(
    `${clientCount} warehouses, ${rounds} rounds, secure aggregation: ${secure}; starting ${clientCount + (keyholderUrl ? 2 : 1)} processes…`,
  );
  if (keyholderUrl) {
    start({ ...base, role: 'keyholder', port: keyholderPort }, (e) => {
      if (e.type === 'listening')
        console.log(`key holder   ${e.url} (public key sha256 ${String(e.fingerprint).slice(0, 16)}…)`);
    });
  }
  const finished = new Promise<Record<string, unknown>>((resolve) => {
    start({ ...base, role: 'coordinator', port: coordinatorPort, keyholderUrl }, (e) => {
      if (e.type === 'listening') console.log(`coordinator  ${e.url}`);
      if (e.type === 'update-accepted' && process.stdout.isTTY)
        process.stdout.write(
          `\r  round ${e.round}: update from ${e.clientId} (${((e.bytes as number) / 1024).toFixed(0)} KiB)      `,
        );
      if (e.type === 'round-completed' || e.type === 'round-failed') showRound(e.entry as RoundLogEntry);
      if (e.type === 'result') resolve(e);
    });
  });
  const clientResults: Array<Record<string, unknown>> = [];
  clients.forEach((credentials, i) => {
    const child = start(
      { ...base, role: 'client', credentials, coordinatorUrl, keyholderUrl, warehouse: i },
      (e) => {
        if (e.type === 'client-result') clientResults.push(e);
        if (values.kill && i === clientCount - 1 && e.type === 'task' && e.round === 3) {
          child.kill('SIGKILL');
          process.stdout.write(
            `\r  killed ${credentials.id} during round 3 (it got the task, never answers)\n`,
          );
        }
      },
    );
  });
  const result = await finished;
  await waitForClientResults(clientResults, values.kill ? clientCount - 1 : clientCount);
  console.log(
    `\nrun ${result.status} after ${result.lastCompletedRound} rounds. Final model, each warehouse on its own validation weeks:`,
  );
  for (const r of clientResults.sort((a, b) => String(a.client).localeCompare(String(b.client)))) {
    const m = r.metrics as Record<string, number>;
    console.log(
      `  ${String(r.client).padEnd(12)} federated ${format(m.federatedValLoss)}  local-only ${format(m.localValLoss)}  (sent ${((r.bytes as { sent: number }).sent / 1024).toFixed(0)} KiB)`,
    );
  }
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

/** Waits (up to 30 s) until the surviving warehouses have reported the final model's metrics. */
async function waitForClientResults(results: unknown[], expected: number): Promise<void> {
  const until = Date.now() + 30_000;
  while (results.length < expected && Date.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

process.once('SIGINT', () => process.exit(130));
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
