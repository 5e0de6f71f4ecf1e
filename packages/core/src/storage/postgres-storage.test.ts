import { afterAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../errors/adapter-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { MissingDependencyError } from '../errors/missing-dependency-error';
import { expectedIds, scanIds } from '../testing/storage/conformance-context';
import { describeStorageConformance } from '../testing/storage/describe-storage-conformance';
import { postgresTestEnv, uniqueSchemaName, withSchema } from '../testing/storage/postgres-test-env';
import { generateTestEvents } from '../testing/storage/test-events';
import { loadPg } from './postgres-connection';
import { loadPgCopy } from './postgres-copy-writer';
import { PostgresStorage } from './postgres-storage';
import { prepareEvents } from './prepare-events';
import type { StoredEvent } from './storage';

const env = postgresTestEnv();

describe('PostgreSQL driver loading', () => {
  it('a missing pg becomes MissingDependencyError naming the package', async () => {
    const missing = Object.assign(new Error("Cannot find package 'pg'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await loadPg(() => Promise.reject(missing)).catch((e: unknown) => e);
    expect(MissingDependencyError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ packageName: 'pg', feature: 'PostgreSQL storage' });
  });

  it('COPY support is optional: pg-copy-streams loads here (a dev dependency), a missing one means JSON inserts', async () => {
    expect(typeof (await loadPgCopy())?.from).toBe('function');
    const missing = Object.assign(new Error("Cannot find package 'pg-copy-streams'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(await loadPgCopy(() => Promise.reject(missing))).toBeUndefined();
  });

  it('rejects schema names that are not plain identifiers before connecting', async () => {
    for (const schema of ['Public', 'a-b', 'x"; DROP SCHEMA public; --', '1abc', '']) {
      await expect(PostgresStorage.open({ url: 'postgres://127.0.0.1:1/none', schema })).rejects.toSatisfy(
        InvalidArgumentError.isInstance,
      );
    }
  });

  it('an unreachable server is an AdapterError without the password', async () => {
    const error = await PostgresStorage.open({
      url: 'postgres://someone:hunter2@127.0.0.1:1/nowhere',
      connectionTimeoutMs: 2_000,
    }).catch((e: unknown) => e);
    expect(AdapterError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'connection' });
    expect((error as Error).message).not.toContain('hunter2');
  });
});

if (env.required && !env.url) {
  describe('PostgresStorage', () => {
    it('needs SHOPPILOT_PG_URL: SHOPPILOT_REQUIRE_PG=1 forbids skipping', () => {
      throw new Error('SHOPPILOT_REQUIRE_PG=1 but SHOPPILOT_PG_URL is not set; see .ci/run');
    });
  });
}

describe.skipIf(!env.url)(`PostgresStorage${env.skipReason ? ` (skipped: ${env.skipReason})` : ''}`, () => {
  const url = env.url as string;
  const schemas: string[] = [];
  const freshSchema = () => {
    const schema = uniqueSchemaName('sp_storage_test');
    schemas.push(schema);
    return schema;
  };
  afterAll(async () => {
    // Every schema this file created goes, whatever state its store was left in.
    const pool = new (await loadPg()).Pool({ connectionString: url, max: 1 });
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  describeStorageConformance('PostgresStorage', {
    create: () => PostgresStorage.open({ url, schema: freshSchema(), poolSize: 4 }),
    reopen: () => withSchema(url, freshSchema()),
  });

  it('keyset pages and parallel chunked inserts return every event exactly once', async () => {
    const storage = await PostgresStorage.open({
      url,
      schema: freshSchema(),
      scanPageSize: 7,
      batchSize: 100,
      writeConcurrency: 3,
    });
    const events = generateTestEvents({ count: 1_050, users: 4, seed: 4 }).map((event, i) => ({
      ...event,
      timestamp: 1_000 + (i % 3),
    }));
    const completed: number[] = [];
    await storage.appendEvents(events, { onProgress: (p) => completed.push(p.completed) });
    expect(completed).toHaveLength(11);
    expect(completed.at(-1)).toBe(1_050);
    const reference = events as StoredEvent[];
    expect(await scanIds(storage)).toEqual(expectedIds(reference));
    expect(await scanIds(storage, { userId: 'user-2', limit: 30 })).toEqual(
      expectedIds(reference, { userId: 'user-2', limit: 30 }),
    );
    await storage.close();
  });

  it('COPY and the JSON insert store the same events: escapes, unicode, duplicates, re-append', async () => {
    const awkward = ['tab\there', 'line\nbreak', 'cr\rx', 'back\\slash', '\\.', '\\N', '张三 "q" 😀', "it's"];
    const events = awkward.flatMap((text, i) => [
      {
        userId: text,
        itemId: `${text}-item`,
        categoryId: text,
        type: 'buy' as const,
        timestamp: 1_000 + i,
        quantity: -0.5 * i,
        price: 1e21 + i,
        context: { device: text, sessionId: `s\\${i}`, dwellMs: 1.25, promo: i % 2 === 0, discount: 0 },
      },
      { eventId: `given\t${i}`, userId: 'u', type: 'view' as const, timestamp: 2_000 + i },
    ]);
    const stores = [] as PostgresStorage[];
    for (const appendMethod of ['copy', 'json'] as const) {
      const storage = await PostgresStorage.open({ url, schema: freshSchema(), appendMethod, batchSize: 5 });
      stores.push(storage);
      expect(await storage.appendEvents([...events, events[3]])).toEqual({ inserted: 16, duplicates: 1 });
      expect(await storage.appendEvents(events.slice(0, 7))).toEqual({ inserted: 0, duplicates: 7 });
    }
    const scanAll = async (storage: PostgresStorage) => {
      const stored: StoredEvent[] = [];
      for await (const event of storage.scanEvents()) stored.push(event);
      return stored;
    };
    const [copied, inserted] = await Promise.all(stores.map(scanAll));
    expect(copied).toHaveLength(16);
    expect(copied).toEqual(inserted);
    expect(copied.find((e) => e.eventId === 'given\t3')).toEqual({
      eventId: 'given\t3',
      userId: 'u',
      type: 'view',
      timestamp: 2_003,
    });
    expect(copied.filter((e) => e.type === 'buy').map((e) => e.userId)).toEqual(awkward);
    expect(copied.find((e) => e.userId === '\\N')?.context?.device).toBe('\\N');
    await Promise.all(stores.map((s) => s.close()));
  });

  it('bulkLoad stores what appendEvents stores with the per-user index dropped meanwhile, and restores it', async () => {
    const schema = freshSchema();
    const storage = await PostgresStorage.open({ url, schema, batchSize: 300 });
    const pool = new (await loadPg()).Pool({ connectionString: url, max: 1 });
    const hasUserIndex = async () =>
      (
        await pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = $1 AND indexname = 'events_user_ts'",
          [schema],
        )
      ).rows[0].n === 1;
    const events = generateTestEvents({ count: 2_000, users: 15, withIds: false, seed: 31 });
    const duringLoad: boolean[] = [];
    async function* batches() {
      yield events.slice(0, 800);
      duringLoad.push(await hasUserIndex());
      yield events.slice(600, 2_000);
    }
    const progress: number[] = [];
    const result = await storage.bulkLoad(batches(), { onProgress: (p) => progress.push(p.completed) });
    expect(result).toEqual({ inserted: 2_000, duplicates: 200 });
    expect(progress).toEqual([800, 2_200]);
    expect(duringLoad).toEqual([false]);
    const reference = prepareEvents(events);
    expect(await scanIds(storage)).toEqual(expectedIds(reference));
    for (const userId of ['user-0', 'user-14']) {
      const query = { userId, from: events[100].timestamp, to: events[1_900].timestamp };
      expect(await scanIds(storage, query)).toEqual(expectedIds(reference, query));
    }
    expect(await hasUserIndex()).toBe(true);
    // What a process that died during a load leaves: the next open builds the index again.
    await pool.query(`DROP INDEX "${schema}".events_user_ts`);
    expect(await hasUserIndex()).toBe(false);
    await storage.close();
    const reopened = await PostgresStorage.open({ url, schema });
    expect(await hasUserIndex()).toBe(true);
    await reopened.close();
    await pool.end();
  });

  it('stores in separate schemas side by side and refuses a newer schema version', async () => {
    const [schemaA, schemaB] = [freshSchema(), freshSchema()];
    const a = await PostgresStorage.open({ url, schema: schemaA });
    const b = await PostgresStorage.open({ url, schema: schemaB });
    await a.setState('k', 'a');
    expect(await b.getState('k')).toBeUndefined();
    await b.close();
    const pg = await loadPg();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    await pool.query(`INSERT INTO "${schemaA}".schema_version (version, applied_at) VALUES (99, 0)`);
    await pool.end();
    await a.close();
    const error = await PostgresStorage.open({ url, schema: schemaA }).catch((e: unknown) => e);
    expect(AdapterError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/version 99, newer/);
  });
});
