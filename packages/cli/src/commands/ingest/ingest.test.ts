import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createStorage, type ReadOptions } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { parseJsonOutput, repoRoot, runShoppilot } from '../../testing/index';
import { type IngestReport, ingestEvents, type LoadMode } from './ingest';

const sample = join(repoRoot, 'datasets/online_retail_sample.csv');
const retailAsEvents = [
  '--map',
  'userId=CustomerID,itemId=StockCode,timestamp=InvoiceDate',
  '--const',
  'type=buy',
];

describe('shoppilot ingest (process)', () => {
  it('lenient: streams Online Retail lines into SQLite as buy events and reports accepted/rejected; re-running is idempotent', async () => {
    // Expected counts: 1,999 data rows, 533 without CustomerID (see core's online-retail test for the
    // python command). 36 accepted lines repeat an earlier line of the same invoice exactly (same
    // customer, item, time, quantity, price), so they share a content-derived event id:
    // python3 -c "import csv; r=[x for x in csv.DictReader(open('datasets/online_retail_sample.csv')) if x['CustomerID']];
    //   k=[(x['CustomerID'],x['StockCode'],x['InvoiceDate'],x['Quantity'],x['UnitPrice']) for x in r]; print(len(k)-len(set(k)))"
    const store = `sqlite:${join(mkdtempSync(join(tmpdir(), 'sp-cli-')), 'shop.db')}`;
    const args = [
      'ingest',
      '--input',
      sample,
      '--store',
      store,
      ...retailAsEvents,
      '--mode',
      'lenient',
      '--json',
    ];
    const first = await runShoppilot(args);
    const report = parseJsonOutput<IngestReport>(first);
    expect(first.code).toBe(0);
    expect(report).toMatchObject({
      rows: 1999,
      accepted: 1466,
      rejected: 533,
      load: 'bulk', // an empty SQLite store: bulk load
      inserted: 1430,
      duplicates: 36,
      timestampFormat: 'iso',
    });
    expect(report.reasons).toEqual({ 'userId: missing value (column "CustomerID")': 533 });
    expect(report.firstRejections.map((rejection) => rejection.row)).toEqual([623, 1444, 1445, 1446, 1447]);
    expect(report.columns?.used).toMatchObject({
      userId: 'CustomerID',
      itemId: 'StockCode',
      price: 'UnitPrice',
    });

    const storage = await createStorage(store);
    try {
      expect(await storage.countEvents()).toBe(1430);
      expect(await storage.countEvents({ userId: '17850' })).toBeGreaterThan(0);
    } finally {
      await storage.close();
    }
    const again = parseJsonOutput<IngestReport>(await runShoppilot(args));
    expect(again).toMatchObject({ load: 'append', accepted: 1466, inserted: 0, duplicates: 1466 });
  });

  it('--load: bulk and append store the same events; the per-user index is back after a bulk load; bulk needs a store that has it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-cli-'));
    const path = (load: string) => join(dir, `${load}.db`);
    // In process (a process start costs seconds on a loaded machine); the flag goes through a real run.
    const read: ReadOptions = {
      mapping: { userId: 'CustomerID', itemId: 'StockCode', timestamp: 'InvoiceDate' },
      constants: { type: 'buy' },
      mode: 'lenient',
      batchSize: 500,
    };
    const ingest = (store: string, load: LoadMode) =>
      ingestEvents({ input: sample, store, dryRun: false, read, progress: 'never', load });
    expect(await ingest(`sqlite:${path('bulk')}`, 'bulk')).toMatchObject({
      load: 'bulk',
      inserted: 1430,
      duplicates: 36,
    });
    const run = await runShoppilot([
      'ingest',
      '--input',
      sample,
      '--store',
      `sqlite:${path('append')}`,
      ...retailAsEvents,
      '--mode',
      'lenient',
      '--batch-size',
      '500',
      '--load',
      'append',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/inserted +1430 \(36 already stored; appended\)/);
    const counts: Record<string, number[]> = {};
    for (const load of ['bulk', 'append']) {
      const raw = new DatabaseSync(path(load));
      const index = raw
        .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'events_user_ts'")
        .get();
      raw.close();
      expect(Number(index?.n)).toBe(1);
      const storage = await createStorage(`sqlite:${path(load)}`);
      try {
        counts[load] = [
          await storage.countEvents(),
          await storage.countEvents({ userId: '17850' }),
          await storage.countEvents({ userId: '13047' }),
        ];
      } finally {
        await storage.close();
      }
    }
    expect(counts.bulk).toEqual(counts.append);
    expect(counts.bulk[0]).toBe(1430);
    await expect(ingest('memory:', 'bulk')).rejects.toThrow(/memory store has no bulk load/);
  });

  it('strict (the default): the first bad row stops the run with exit 1 naming file, row, field', async () => {
    const run = await runShoppilot([
      'ingest',
      '--input',
      sample,
      '--store',
      'memory:',
      ...retailAsEvents,
      '--json',
    ]);
    expect(run.code).toBe(1);
    const { error } = parseJsonOutput<{ error: { name: string; issues: unknown[] } }>(run);
    expect(error.name).toBe('InputValidationError');
    expect(error.issues).toEqual([
      {
        file: sample,
        row: 623,
        field: 'userId',
        message: 'missing value (column "CustomerID")',
        expected: 'a string',
        received: 'nothing',
      },
    ]);
    expect(run.stderr).toMatch(/row 623, field "userId"/);
  });

  it('JSONL with value maps, a dry run without a store, and a progress bar on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-cli-'));
    const file = join(dir, 'events.jsonl');
    writeFileSync(
      file,
      [
        '{"visitor":"v1","sku":"a","action":"looked","ts":1700000000}',
        '{"visitor":"v2","sku":"b","action":"cart","ts":1700000100,"device":"ios"}',
        '{"visitor":"v3","sku":"c","action":"bought","ts":"not a time"}',
        '',
      ].join('\n'),
    );
    const run = await runShoppilot([
      'ingest',
      '--input',
      file,
      '--dry-run',
      '--map',
      'userId=visitor',
      '--map',
      'type=action',
      '--value-map',
      'type:looked=view',
      '--value-map=type:bought=buy',
      '--mode',
      'lenient',
      '--progress',
      'always',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const report = parseJsonOutput<IngestReport>(run);
    expect(report).toMatchObject({
      dryRun: true,
      store: null,
      rows: 3,
      accepted: 2,
      rejected: 1,
      inserted: 0,
      timestampFormat: 'unix-s',
    });
    expect(report.reasons).toEqual({
      'timestamp: not a timestamp, but this file\'s timestamps are unix time in seconds (detected from row 1) (column "ts")': 1,
    });
    expect(run.stderr).toMatch(/ingest \[=+\] 100% \| 3 rows \(1 rejected\)/);
  });
});
