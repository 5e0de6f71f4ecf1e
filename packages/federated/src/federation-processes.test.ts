import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage } from '@shoppilot/core';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureData } from './__fixtures__/fixture-data';
import { freePort, killAll, type RoleProcess, spawnRole, stop } from './__fixtures__/spawn-role';
import { RoundLog } from './coordinator/round-log';
import { CkksSession } from './crypto/ckks-session';
import { decodeFrame } from './protocol/frame';
import { generateToken } from './protocol/signing';
import { float64ToBytes } from './vector/vector-ops';

// Coordinator, key holder and clients run as separate Node processes talking HTTP on 127.0.0.1.
// Every process is started at once on pre-chosen ports; clients retry until the servers are up.
const started: RoleProcess[] = [];
const directories: string[] = [];
const testStart = Date.now();
afterAll(async () => {
  if (process.env.SHOPPILOT_FEDERATED_TIMELINE) {
    const lines = started.flatMap((p) =>
      p.events.map(
        (e) =>
          `${String((e.receivedAt as number) - testStart).padStart(7)} ${p.name} ${JSON.stringify(e).slice(0, 200)}`,
      ),
    );
    writeFileSync(process.env.SHOPPILOT_FEDERATED_TIMELINE, lines.sort().join('\n'));
  }
  await killAll(started);
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

function role(name: string, config: object): RoleProcess {
  const child = spawnRole(name, config);
  started.push(child);
  return child;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sp-federated-'));
  directories.push(dir);
  return dir;
}

// Deadlines and waits are generous: on a loaded 2-core machine starting the processes alone has
// taken over a minute. Every wait is for an event, never a fixed sleep; the round deadline is
// what makes a client late, so a slow client is delayed past it rather than raced against it.
const ROUND_MS = 15_000;
const STARTUP_MS = 240_000;
const TEST_MS = 480_000;

/** The fixture's clients fit y = 0.3 + 1.5 x1 − 2 x2 + 0.5 x3 (+ noise 0.1): weights then bias. */
const TRUE_COEFFICIENTS = [1.5, -2, 0.5, 0.3];

describe.concurrent('federation across processes', () => {
  it(
    'CKKS, four clients: one killed mid-round, one late; rounds complete by quorum, training converges, the coordinator sees only ciphertexts',
    async () => {
      const dir = tempDir();
      const clients = Array.from({ length: 4 }, (_, i) => ({ id: `w${i + 1}`, token: generateToken() }));
      const coordinatorCredentials = { id: 'coordinator', token: generateToken() };
      const plan = {
        secure: 'ckks' as const,
        rounds: 4,
        minClients: 4,
        quorum: 0.5,
        roundTimeoutMs: ROUND_MS,
        localEpochs: 12,
        name: 'ckks-run',
      };
      const [keyholderPort, coordinatorPort] = [await freePort(), await freePort()];
      const keyholderUrl = `http://127.0.0.1:${keyholderPort}`;
      const coordinatorUrl = `http://127.0.0.1:${coordinatorPort}`;
      const storage = `sqlite:${join(dir, 'coordinator.db')}`;
      const recordDir = join(dir, 'received');
      role('ckks-keyholder', {
        role: 'keyholder',
        coordinator: coordinatorCredentials,
        plan,
        port: keyholderPort,
      });
      const coordinator = role('ckks-coordinator', {
        role: 'coordinator',
        coordinator: coordinatorCredentials,
        clients,
        plan,
        storage,
        recordDir,
        keyholderUrl,
        port: coordinatorPort,
        livenessMs: 5000,
      });
      // w3 is slow in round 2 (it waits longer than the whole round, so its update always comes after
      // the deadline); w4 is killed while it waits in round 2.
      const delays: Array<Record<string, number>> = [{}, {}, { 2: ROUND_MS + 3000 }, { 2: 600_000 }];
      const workers = clients.map((credentials, i) =>
        role(credentials.id, {
          role: 'client',
          credentials,
          coordinatorUrl,
          keyholderUrl,
          dataSeed: 100 + i,
          rows: 40,
          delays: delays[i],
        }),
      );
      await workers[3].waitFor((e) => e.type === 'delaying' && e.round === 2, STARTUP_MS);
      workers[3].child.kill('SIGKILL');
      const result = await coordinator.waitFor((e) => e.type === 'result', STARTUP_MS);
      await workers[2].waitFor((e) => e.type === 'update-refused', STARTUP_MS);
      await stop(coordinator);
      expect(result.status).toBe('completed');
      expect(result.lastCompletedRound).toBe(4);
      for (const [i, value] of (result.global as number[]).entries()) {
        expect(Math.abs(value - TRUE_COEFFICIENTS[i])).toBeLessThan(0.1);
      }

      const store = await createStorage(storage);
      const log = new RoundLog(store, 'ckks-run');
      const rounds = (await log.entries()).filter((e) => e.status === 'completed');
      expect(rounds.map((r) => r.round)).toEqual([1, 2, 3, 4]);
      expect(rounds[0].contributors.sort()).toEqual(['w1', 'w2', 'w3', 'w4']);
      expect(rounds[1].contributors.sort()).toEqual(['w1', 'w2']);
      expect(rounds[1].dropped).toEqual(['w3', 'w4']);
      expect((await log.rejections()).some((r) => r.clientId === 'w3' && r.reason === 'late')).toBe(true);
      // The validation loss of the global model the clients receive falls round after round.
      const losses = rounds.slice(1).map((r) => r.metrics.federatedValLoss);
      for (let r = 1; r < losses.length; r++) expect(losses[r]).toBeLessThan(losses[r - 1]);
      await store.close();

      // Everything the coordinator received: metadata headers and CKKS ciphertexts, no client data.
      const session = await CkksSession.create();
      const patterns = clients.flatMap((_, i) => {
        const data = fixtureData(100 + i, 40);
        return [...data.x, ...data.y].map((v) => Buffer.from(float64ToBytes(Float64Array.of(v))));
      });
      const allowed = [
        'type',
        'clientId',
        'nonce',
        'timestamp',
        'after',
        'samples',
        'parameterCount',
        'layoutHash',
        'updateKind',
        'round',
        'roundId',
        'encoding',
        'length',
        'metrics',
      ];
      let updates = 0;
      for (const file of readdirSync(recordDir)) {
        // Lets the concurrent test see its processes' events while this one scans.
        await new Promise((resolve) => setImmediate(resolve));
        const body = readFileSync(join(recordDir, file));
        expect(patterns.filter((pattern) => body.indexOf(pattern) >= 0)).toEqual([]);
        const frame = decodeFrame(body);
        const header = frame.header as Record<string, unknown>;
        expect(Object.keys(header).filter((key) => !allowed.includes(key))).toEqual([]);
        if (header.type === 'update') {
          updates++;
          expect(
            Object.keys(header.metrics as object).filter(
              (k) => !['trainLoss', 'federatedValLoss', 'localValLoss'].includes(k),
            ),
          ).toEqual([]);
          session.validate(frame.blobs, header.length as number);
        } else {
          expect(frame.blobs.map((b) => b.length)).toEqual(header.type === 'join' ? [32] : []);
        }
      }
      session.dispose();
      // Every accepted update plus w3's late one.
      expect(updates).toBe(rounds.reduce((a, r) => a + r.contributors.length, 0) + 1);
    },
    TEST_MS,
  );

  it(
    'masking, three clients: one killed mid-round (masks recovered from the survivors), then the coordinator killed and restarted: it resumes at the last completed round',
    async () => {
      const dir = tempDir();
      const clients = Array.from({ length: 3 }, (_, i) => ({ id: `m${i + 1}`, token: generateToken() }));
      const plan = {
        secure: 'masking' as const,
        rounds: 4,
        minClients: 3,
        roundTimeoutMs: ROUND_MS,
        recoveryTimeoutMs: ROUND_MS,
        localEpochs: 12,
        name: 'mask-run',
      };
      const port = await freePort();
      const coordinatorUrl = `http://127.0.0.1:${port}`;
      const config = {
        role: 'coordinator',
        clients,
        plan,
        storage: `sqlite:${join(dir, 'coordinator.db')}`,
        port,
        livenessMs: 5000,
      };
      const first = role('mask-coordinator-1', config);
      // m3 is killed while it waits in round 2. m1 and m2 hold their first round-3 update for 12 s, so
      // the first coordinator cannot finish round 3 however late this test gets to kill it.
      const delays: Array<Record<string, number>> = [{ 3: 12_000 }, { 3: 12_000 }, { 2: 600_000 }];
      const workers = clients.map((credentials, i) =>
        role(credentials.id, {
          role: 'client',
          credentials,
          coordinatorUrl,
          dataSeed: 200 + i,
          rows: 40,
          delays: delays[i],
        }),
      );
      await workers[2].waitFor((e) => e.type === 'delaying' && e.round === 2, STARTUP_MS);
      workers[2].child.kill('SIGKILL');
      await first.waitFor((e) => e.type === 'recovery-started', STARTUP_MS);
      await first.waitFor((e) => e.type === 'round-started' && e.round === 3, STARTUP_MS);
      first.child.kill('SIGKILL');
      await first.exited;
      const second = role('mask-coordinator-2', config);
      const resumed = await second.waitFor((e) => e.type === 'resumed', STARTUP_MS);
      expect(resumed.lastCompletedRound).toBe(2);
      const result = await second.waitFor((e) => e.type === 'result', STARTUP_MS);
      await stop(second);
      expect(result.status).toBe('completed');
      expect(result.lastCompletedRound).toBe(4);
      for (const [i, value] of (result.global as number[]).entries()) {
        expect(Math.abs(value - TRUE_COEFFICIENTS[i])).toBeLessThan(0.1);
      }
      const store = await createStorage(config.storage);
      const rounds = (await new RoundLog(store, 'mask-run').entries()).filter(
        (e) => e.status === 'completed',
      );
      expect(rounds.map((r) => r.round)).toEqual([1, 2, 3, 4]);
      expect(rounds[1].dropped).toEqual(['m3']);
      expect(rounds[1].contributors.sort()).toEqual(['m1', 'm2']);
      await store.close();
      for (const worker of workers.slice(0, 2)) {
        const done = await worker.waitFor((e) => e.type === 'result', STARTUP_MS);
        expect(done.status).toBe('completed');
        expect(done.contributed).toEqual([1, 2, 3, 4]);
      }
    },
    TEST_MS,
  );
});
