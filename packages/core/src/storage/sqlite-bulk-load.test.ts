import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors/input-validation-error';
import type { BehaviorEvent } from '../schema/behavior-event';
import { expectedIds, scanIds } from '../testing/storage/conformance-context';
import { generateTestEvents } from '../testing/storage/test-events';
import { prepareEvents } from './prepare-events';
import { SqliteStorage } from './sqlite-storage';

const directory = mkdtempSync(join(tmpdir(), 'shoppilot-sqlite-bulk-'));
let files = 0;
const freshPath = () => join(directory, `bulk-${files++}.db`);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function userIndexExists(path: string): boolean {
  const raw = new DatabaseSync(path);
  const row = raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'events_user_ts'").get();
  raw.close();
  return Number(row?.n) === 1;
}

/** Which index the planner uses for a user scan: the per-user one when it exists. */
function userScanPlan(path: string): string {
  const raw = new DatabaseSync(path);
  const rows = raw
    .prepare("EXPLAIN QUERY PLAN SELECT * FROM events WHERE user_id = 'user-1' ORDER BY ts")
    .all();
  raw.close();
  return rows.map((row) => String(row.detail)).join('; ');
}

describe('SqliteStorage.bulkLoad', () => {
  it('stores what appendEvents stores, counts duplicates, and leaves the per-user index in place', async () => {
    const events = generateTestEvents({ count: 3_000, users: 25, withIds: false, seed: 21 });
    const batches = [events.slice(0, 1_000), events.slice(1_000, 2_000), events.slice(500, 3_000)];
    const path = freshPath();
    const bulk = new SqliteStorage({ path, batchSize: 400 });
    const progress: Array<[number, boolean]> = [];
    const onProgress = (p: { completed: number }) => progress.push([p.completed, userIndexExists(path)]);
    const result = await bulk.bulkLoad(batches, { onProgress });
    expect(result).toEqual({ inserted: 3_000, duplicates: 1_500 });
    // The index is absent while loading (that is the point) and back afterwards.
    expect(progress).toEqual([
      [1_000, false],
      [2_000, false],
      [4_500, false],
    ]);
    const reference = prepareEvents(events);
    expect(await scanIds(bulk)).toEqual(expectedIds(reference));
    for (const userId of ['user-0', 'user-7', 'user-24']) {
      const query = { userId, from: events[300].timestamp, to: events[2_700].timestamp };
      expect(await scanIds(bulk, query)).toEqual(expectedIds(reference, query));
    }
    await bulk.close();
    expect(userIndexExists(path)).toBe(true);
    expect(userScanPlan(path)).toMatch(/events_user_ts/);
  });

  it('rejects a bad batch with its location, keeps the batches before it and rebuilds the index', async () => {
    const path = freshPath();
    const storage = new SqliteStorage({ path });
    const good = generateTestEvents({ count: 200, users: 5, seed: 22 });
    const bad = [...good.slice(0, 3), { ...good[3], timestamp: -5 } as BehaviorEvent];
    async function* batches() {
      yield good.slice(0, 100);
      yield bad;
      yield good.slice(100);
    }
    const error = await storage.bulkLoad(batches()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).issues[0]).toMatchObject({ row: 4, field: 'timestamp' });
    expect(await storage.countEvents()).toBe(100);
    expect(userIndexExists(path)).toBe(true);
    await storage.close();
  });

  it('rebuilds the per-user index on open when a load never finished', async () => {
    const path = freshPath();
    const storage = new SqliteStorage({ path });
    await storage.appendEvents(generateTestEvents({ count: 500, users: 5, seed: 23 }));
    await storage.close();
    const raw = new DatabaseSync(path);
    raw.exec('DROP INDEX events_user_ts'); // what a process that died during bulkLoad leaves
    raw.close();
    expect(userIndexExists(path)).toBe(false);
    const reopened = new SqliteStorage({ path });
    expect(userIndexExists(path)).toBe(true);
    expect(await reopened.countEvents({ userId: 'user-3' })).toBeGreaterThan(0);
    await reopened.close();
  });
});
