import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../errors/adapter-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { collect, expectedIds, scanIds } from '../testing/storage/conformance-context';
import { describeStorageConformance } from '../testing/storage/describe-storage-conformance';
import { generateTestEvents } from '../testing/storage/test-events';
import { SqliteStorage } from './sqlite-storage';
import type { StoredEvent } from './storage';

const directory = mkdtempSync(join(tmpdir(), 'shoppilot-sqlite-test-'));
let files = 0;
const freshPath = () => join(directory, `store-${files++}.db`);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeStorageConformance('SqliteStorage (file)', {
  create: () => new SqliteStorage({ path: freshPath() }),
  reopen: () => `sqlite:${freshPath()}`,
});

describeStorageConformance('SqliteStorage (:memory:)', {
  create: () => new SqliteStorage({ path: ':memory:' }),
  largeBatch: 10_000,
});

describe('SqliteStorage specifics', () => {
  it('creates a versioned schema in WAL mode on open, idempotently', async () => {
    const path = freshPath();
    await (await SqliteStorage.open({ path })).close();
    await (await SqliteStorage.open({ path })).close();
    const raw = new DatabaseSync(path);
    expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(raw.prepare('SELECT version FROM shoppilot_schema_version').all()).toEqual([{ version: 1 }]);
    raw.exec('INSERT INTO shoppilot_schema_version (version, applied_at) VALUES (99, 0)');
    raw.close();
    const error = await SqliteStorage.open({ path }).catch((e: unknown) => e);
    expect(AdapterError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/schema version 99, newer/);
  });

  it('rejects bad options and unopenable paths with typed errors', () => {
    for (const options of [
      { batchSize: 0 },
      { scanPageSize: 1.5 },
      { cacheSizeMb: Number.NaN },
      { busyTimeoutMs: -1 },
    ]) {
      expect(() => new SqliteStorage(options), JSON.stringify(options)).toThrow(InvalidArgumentError);
    }
    expect(() => new SqliteStorage({ path: join(directory, 'missing-dir', 'x.db') })).toThrow(AdapterError);
  });

  it('keyset pages return every event exactly once across timestamp ties', async () => {
    const storage = new SqliteStorage({ scanPageSize: 7, batchSize: 100 });
    const events = generateTestEvents({ count: 1_050, users: 4, step: 0, seed: 4 }).map((event, i) => ({
      ...event,
      timestamp: 1_000 + (i % 3),
    }));
    const completed: number[] = [];
    await storage.appendEvents(events, { onProgress: (p) => completed.push(p.completed) });
    expect(completed).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000, 1_050]);
    const reference = events as StoredEvent[];
    expect(await scanIds(storage)).toEqual(expectedIds(reference));
    expect(await scanIds(storage, { userId: 'user-1', limit: 30 })).toEqual(
      expectedIds(reference, { userId: 'user-1', limit: 30 }),
    );
    await storage.close();
  });

  it('two connections on one file write concurrently without loss', async () => {
    const path = freshPath();
    const [a, b] = [new SqliteStorage({ path, batchSize: 500 }), new SqliteStorage({ path, batchSize: 500 })];
    const events = generateTestEvents({ count: 6_000, users: 20, seed: 8 });
    await Promise.all([a.appendEvents(events.slice(0, 4_000)), b.appendEvents(events.slice(2_000))]);
    expect(await a.countEvents()).toBe(6_000);
    expect(await collect(b.listUsers())).toHaveLength(20);
    await Promise.all([a.close(), b.close()]);
  });

  it('deleteUser leaves no trace of the user in the database files', async () => {
    const path = freshPath();
    const storage = new SqliteStorage({ path });
    const secret = 'secret-user-7f3a9c';
    const events = generateTestEvents({ count: 2_000, users: 10, seed: 12 }).map((event, i) =>
      i % 10 === 0 ? { ...event, userId: secret, itemId: `${secret}-item` } : event,
    );
    await storage.appendEvents(events);
    await storage.setState(`profile/${secret}`, { name: secret }, { userId: secret });
    await storage.putArtifact(`embedding/${secret}`, new TextEncoder().encode(secret), { userId: secret });
    expect(await storage.deleteUser(secret)).toEqual({
      userId: secret,
      events: 200,
      stateKeys: 1,
      artifacts: 1,
    });
    await storage.close();
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(secret), file).toBe(false);
    }
  });
});
