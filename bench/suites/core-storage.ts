import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, PostgresStorage, SqliteStorage, type Storage } from '@shoppilot/core';
import { generateTestEvents } from '@shoppilot/core/testing';
import { type BenchContext, type BenchSuite, markdownTable } from '../harness';

const CHUNK = 50_000;
const USERS = 10_000;
const SCANNED_USERS = 200;
const TARGETS: Record<string, number> = { sqlite: 300_000, postgres: 50_000 };

interface StoreResult {
  store: string;
  ingestSeconds: number;
  ingestCpuSeconds: number;
  scanMedianMs: number;
  scanP95Ms: number;
  scanEventsPerSecond: number;
  fullScanEventsPerSecond: number;
}

/** Appends `total` events (ids derived from content) in chunks of 50k, as a streaming file ingest would. */
async function ingest(storage: Storage, total: number): Promise<{ seconds: number; cpuSeconds: number }> {
  let seconds = 0;
  let cpuSeconds = 0;
  for (let start = 0; start < total; start += CHUNK) {
    const events = generateTestEvents({
      count: Math.min(CHUNK, total - start),
      users: USERS,
      items: 50_000,
      start: 1_700_000_000_000 + start * 100,
      step: 100,
      withIds: false,
      seed: 1 + start / CHUNK,
    });
    const cpu = process.cpuUsage();
    const began = performance.now();
    const result = await storage.appendEvents(events);
    seconds += (performance.now() - began) / 1_000;
    const used = process.cpuUsage(cpu);
    cpuSeconds += (used.user + used.system) / 1e6;
    if (result.inserted !== events.length)
      throw new Error(`${storage.kind}: ${result.duplicates} unexpected duplicates`);
  }
  return { seconds, cpuSeconds };
}

/** Scans 200 users' full histories one by one: latency per user and events per second. */
async function scanUsers(
  storage: Storage,
): Promise<{ median: number; p95: number; eventsPerSecond: number }> {
  const latencies: number[] = [];
  let events = 0;
  for (let i = 0; i < SCANNED_USERS; i++) {
    const userId = `user-${(i * 7_919) % USERS}`;
    const began = performance.now();
    for await (const _ of storage.scanEvents({ userId })) events++;
    latencies.push(performance.now() - began);
  }
  const total = latencies.reduce((sum, ms) => sum + ms, 0);
  latencies.sort((a, b) => a - b);
  return {
    median: latencies[Math.floor(latencies.length / 2)],
    p95: latencies[Math.floor(latencies.length * 0.95)],
    eventsPerSecond: events / (total / 1_000),
  };
}

async function fullScan(storage: Storage, total: number): Promise<number> {
  const began = performance.now();
  let events = 0;
  for await (const _ of storage.scanEvents()) events++;
  if (events !== total) throw new Error(`${storage.kind}: full scan saw ${events} of ${total} events`);
  return events / ((performance.now() - began) / 1_000);
}

async function measure(
  store: string,
  storage: Storage,
  total: number,
  context: BenchContext,
): Promise<StoreResult> {
  context.log(`${store}: ingesting ${total} events…`);
  const { seconds, cpuSeconds } = await ingest(storage, total);
  context.log(`${store}: ${Math.round(total / seconds)} events/s; scanning…`);
  const users = await scanUsers(storage);
  const fullScanEventsPerSecond = await fullScan(storage, total);
  return {
    store,
    ingestSeconds: seconds,
    ingestCpuSeconds: cpuSeconds,
    scanMedianMs: users.median,
    scanP95Ms: users.p95,
    scanEventsPerSecond: users.eventsPerSecond,
    fullScanEventsPerSecond,
  };
}

function row(result: StoreResult, total: number): Array<string | number> {
  const rate = total / result.ingestSeconds;
  const target = TARGETS[result.store];
  return [
    result.store,
    Math.round(rate),
    Math.round(total / result.ingestCpuSeconds),
    target ? `${target / 1_000}k: ${rate >= target ? 'met' : 'NOT met'}` : '-',
    result.scanMedianMs,
    result.scanP95Ms,
    Math.round(result.scanEventsPerSecond),
    Math.round(result.fullScanEventsPerSecond),
  ];
}

async function run(context: BenchContext): Promise<string> {
  const total = context.quick ? 100_000 : 1_000_000;
  const load = loadavg()[0];
  const began = Date.now();
  const rows: Array<Array<string | number>> = [];
  const directory = mkdtempSync(join(tmpdir(), 'shoppilot-bench-storage-'));
  try {
    rows.push(row(await withStore(new MemoryStorage(), (s) => measure('memory', s, total, context)), total));
    const sqlite = new SqliteStorage({ path: join(directory, 'bench.db') });
    rows.push(row(await withStore(sqlite, (s) => measure('sqlite', s, total, context)), total));
    rows.push(sqliteEngineRow(join(directory, 'engine.db'), total, context, false));
    rows.push(sqliteEngineRow(join(directory, 'engine-no-user-index.db'), total, context, true));
    const url = process.env.SHOPPILOT_PG_URL;
    if (url) {
      const postgres = await PostgresStorage.open({ url, schema: `bench_core_storage_${process.pid}` });
      try {
        rows.push(row(await measure('postgres', postgres, total, context), total));
      } finally {
        await postgres.dropSchema();
      }
    } else {
      rows.push([
        'postgres',
        'not measured: SHOPPILOT_PG_URL is not set',
        '-',
        '50k: not measured',
        '-',
        '-',
        '-',
        '-',
      ]);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const table = markdownTable(
    [
      'store',
      'ingest events/s',
      'events per CPU-s (this process)',
      'target',
      'user scan median ms',
      'user scan p95 ms',
      'user scan events/s',
      'full scan events/s',
    ],
    rows,
  );
  return [
    `${total.toLocaleString('en')} synthetic events (${USERS.toLocaleString('en')} users, ids derived from content, validated), appended in chunks of ${CHUNK.toLocaleString('en')}; SQLite file in a temp dir (WAL); PostgreSQL on localhost. User scans: ${SCANNED_USERS} users' full histories (~${Math.round(total / USERS)} events each), one at a time. Full scan: every event in (timestamp, eventId) order.`,
    '',
    table,
    '',
    `Load average (1 min) when the run started: ${load.toFixed(1)}, when it ended: ${loadavg()[0].toFixed(1)} (${Math.round((Date.now() - began) / 60_000)} min), on ${availableParallelism()} cores; ingest wall times include waiting for the CPU when the machine is shared. "events per CPU-s" counts this process's CPU only (for PostgreSQL the server's work is not in it).`,
  ].join('\n');
}

/**
 * The ceiling of the SQLite engine on this machine: the same schema and transaction size, rows
 * generated inside SQLite (no JavaScript, no validation, no id hashing).
 */
function sqliteEngineRow(
  path: string,
  total: number,
  context: BenchContext,
  withoutUserIndex: boolean,
): Array<string | number> {
  context.log('sqlite engine only: inserting rows generated inside SQLite…');
  void new SqliteStorage({ path }).close(); // creates the schema
  const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as typeof import('node:sqlite');
  const db = new DatabaseSync(path);
  if (withoutUserIndex) db.exec('DROP INDEX events_user_ts');
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;');
  const cpu = process.cpuUsage();
  const began = performance.now();
  for (let start = 0; start < total; start += CHUNK) {
    const end = Math.min(total, start + CHUNK) - 1;
    db.exec(`BEGIN;
      WITH RECURSIVE r(i) AS (SELECT ${start} UNION ALL SELECT i + 1 FROM r WHERE i < ${end})
      INSERT INTO events (event_id, user_id, item_id, type, ts, context)
      SELECT printf('%014x-', 1700000000000 + i * 100) || lower(hex(randomblob(12))), 'user-' || abs(random() % ${USERS}),
             'item-' || abs(random() % 50000), 'view', 1700000000000 + i * 100,
             CASE WHEN i % 2 = 0 THEN '{"channel":"feed","device":"mobile"}' END
      FROM r WHERE true ON CONFLICT (event_id) DO NOTHING;
      COMMIT;`);
  }
  const seconds = (performance.now() - began) / 1_000;
  const used = process.cpuUsage(cpu);
  db.close();
  const cpuSeconds = (used.user + used.system) / 1e6;
  return [
    withoutUserIndex
      ? 'sqlite engine only, without the (user_id, ts) index (reference)'
      : 'sqlite engine only (reference)',
    Math.round(total / seconds),
    Math.round(total / cpuSeconds),
    '-',
    '-',
    '-',
    '-',
    '-',
  ];
}

async function withStore<T>(storage: Storage, work: (storage: Storage) => Promise<T>): Promise<T> {
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

export const coreStorageSuites: BenchSuite[] = [
  {
    name: 'core-storage',
    description: 'Storage ingest (events/s) and scan-by-user for memory, SQLite and PostgreSQL; 1M events',
    run,
  },
];
