import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputValidationError, InvalidArgumentError } from '../errors/index';
import type { ProgressEvent } from '../progress/index';
import { readEvents } from './read-events';
import { readRecords } from './read-records';
import type { Rejection } from './read-summary';

const text = (name: string, data: string | Uint8Array) => ({ name, data });

async function caught(promise: Promise<unknown>): Promise<InputValidationError> {
  try {
    await promise;
  } catch (error) {
    if (InputValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InputValidationError');
}

describe('CSV tokenising', () => {
  it('strips the BOM and reads mixed \\r\\n, \\n and \\r line endings and quoted newlines', async () => {
    const data = '\ufeffid,note\r\n1,plain\n2,"two\r\nlines"\r3,"has ""quotes"", and commas"\r\n\n4,last';
    const { records, summary } = await readRecords(text('notes.csv', data)).collect();
    expect(records).toEqual([
      { id: '1', note: 'plain' },
      { id: '2', note: 'two\r\nlines' },
      { id: '3', note: 'has "quotes", and commas' },
      { id: '4', note: 'last' },
    ]);
    expect(summary).toMatchObject({ rows: 4, accepted: 4, rejected: 0, done: true });
  });

  it('reads ; and tab delimiters, and tab by default for .tsv', async () => {
    const semicolon = await readRecords(text('a.csv', 'a;b\n1;"x;y"\n'), { delimiter: ';' }).collect();
    expect(semicolon.records).toEqual([{ a: '1', b: 'x;y' }]);
    const tsv = await readRecords(text('a.tsv', 'a\tb\n1\t2\n')).collect();
    expect(tsv.records).toEqual([{ a: '1', b: '2' }]);
  });

  it('reads gzip files by extension, and files without a header via `columns`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-io-'));
    const path = join(dir, 'taobao.csv.gz');
    writeFileSync(path, gzipSync('1,2268318,2520377,pv,1511544070\n1,2333346,2520771,cart,1511561733\n'));
    const reader = readEvents(path, { columns: ['user_id', 'item_id', 'category_id', 'behavior', 'ts'] });
    const { records, summary } = await reader.collect();
    expect(records).toEqual([
      { userId: '1', itemId: '2268318', categoryId: '2520377', type: 'view', timestamp: 1511544070000 },
      { userId: '1', itemId: '2333346', categoryId: '2520771', type: 'add_cart', timestamp: 1511561733000 },
    ]);
    expect(summary.timestampFormat).toBe('unix-s');
    expect(summary.totalBytes).toBe(summary.bytesRead);
  });

  it('rejects rows whose field count differs from the header', async () => {
    const { records, summary } = await readRecords(text('x.csv', 'a,b\n1,2\n3\n4,5,6\n7,8\n'), {
      mode: 'lenient',
    }).collect();
    expect(records).toHaveLength(2);
    expect(summary.rejections.map((rejection) => [rejection.row, rejection.issues[0].message])).toEqual([
      [2, 'row has 1 field but the header has 2'],
      [3, 'row has 3 fields but the header has 2'],
    ]);
  });

  it('a quote never closed swallows the rest of the file into one rejected row', async () => {
    const reader = readRecords(text('x.csv', 'a,b\n1,2\n3,"4\n5,6\n'), { mode: 'lenient' });
    const { records, summary } = await reader.collect();
    expect(records).toEqual([{ a: '1', b: '2' }]);
    expect(summary.rejected).toBe(1);
    expect(summary.rejections[0].issues[0].message).toMatch(/quoted field never closed/);
  });

  it('a quote open past maxRecordSize stops the read with a typed error in both modes', async () => {
    const data = `a,b\n1,"2\n${'5,6\n'.repeat(100)}`;
    for (const mode of ['strict', 'lenient'] as const) {
      const error = await caught(readRecords(text('x.csv', data), { mode, maxRecordSize: 50 }).collect());
      expect(error.location).toMatchObject({ file: 'x.csv', row: 1 });
      expect(error.message).toMatch(/longer than maxRecordSize/);
    }
  });
});

describe('mapping, constants, value maps and coercion', () => {
  const csv =
    'user_id,sku,ts,device,kind,price\nu1,i1,2024-05-01T10:00:00Z,mobile,pv,9.5\nu2,i2,2024-05-01,desktop,cart,\n';

  it('maps columns to (nested) fields and converts values', async () => {
    const { records, summary } = await readEvents(text('e.csv', csv), {
      mapping: {
        userId: 'user_id',
        itemId: 'sku',
        timestamp: 'ts',
        'context.device': 'device',
        type: 'kind',
      },
    }).collect();
    expect(records).toEqual([
      {
        userId: 'u1',
        itemId: 'i1',
        type: 'view',
        timestamp: Date.UTC(2024, 4, 1, 10),
        price: 9.5,
        context: { device: 'mobile' },
      },
      {
        userId: 'u2',
        itemId: 'i2',
        type: 'add_cart',
        timestamp: Date.UTC(2024, 4, 1),
        context: { device: 'desktop' },
      },
    ]);
    expect(summary.columns).toEqual({
      header: ['user_id', 'sku', 'ts', 'device', 'kind', 'price'],
      used: {
        userId: 'user_id',
        itemId: 'sku',
        type: 'kind',
        timestamp: 'ts',
        price: 'price',
        'context.device': 'device',
      },
      unused: [],
    });
  });

  it('fills constant fields and applies value maps (overriding the default aliases)', async () => {
    const { records } = await readEvents(text('e.csv', 'user,item,time\na,x,1700000000000\n'), {
      constants: { type: 'buy', 'context.channel': 'email' },
    }).collect();
    expect(records[0]).toMatchObject({
      type: 'buy',
      timestamp: 1700000000000,
      context: { channel: 'email' },
    });
    const mapped = await readEvents(text('e.csv', 'user,item,ts,type\na,x,1,like\n'), {
      valueMaps: { type: { like: 'share' } },
    }).collect();
    expect(mapped.records[0].type).toBe('share');
  });

  it('generic reads keep every column, convert declared kinds, and rename mapped ones', async () => {
    const { records } = await readRecords(text('s.csv', 'Date,SKU,qty,promo\n2024-01-02,a,3,yes\n'), {
      fields: { qty: 'number', promo: 'boolean' },
      timestampFields: ['day'],
      mapping: { day: 'Date' },
    }).collect();
    expect(records).toEqual([{ day: Date.UTC(2024, 0, 2), qty: 3, promo: true, SKU: 'a' }]);
  });

  it('validates against a custom schema with readRecords({ schema })', async () => {
    const schema = z.object({ sku: z.string(), units: z.number().int().nonnegative() });
    const reader = readRecords(text('u.csv', 'sku,units\na,3\nb,-1\nc,2.5\n'), { schema, mode: 'lenient' });
    const { records, summary } = await reader.collect();
    expect(records).toEqual([{ sku: 'a', units: 3 }]);
    expect(summary.rejections.map((rejection) => rejection.issues[0].expected)).toEqual([
      'a number >= 0',
      'an integer',
    ]);
  });

  it('refuses mapping targets that are not fields, and a field both mapped and constant', () => {
    expect(() => readEvents(text('e.csv', ''), { mapping: { usrId: 'user' } })).toThrow(InvalidArgumentError);
    expect(() =>
      readEvents(text('e.csv', ''), { mapping: { type: 'a' }, constants: { type: 'buy' } }),
    ).toThrow(/both mapped to a column and a constant/);
  });

  it('a mapped column missing from the header, or a required field without a column, names the file', async () => {
    const missing = await caught(
      readEvents(text('e.csv', 'user,ts\na,1\n'), { mapping: { itemId: 'sku' } }).collect(),
    );
    expect(missing.issues[0]).toMatchObject({
      file: 'e.csv',
      field: 'itemId',
      message: 'mapped column "sku" is not in the header',
    });
    const required = await caught(readEvents(text('e.csv', 'user,ts\na,1\n')).collect());
    expect(required.issues[0]).toMatchObject({
      file: 'e.csv',
      field: 'type',
      message: 'required field has no column',
    });
  });
});

describe('strict and lenient modes', () => {
  const csv =
    'user,item,type,ts,price\na,x,view,1700000000,1\nb,y,teleport,1700000001,2\nc,z,buy,1700000002,abc\nd,w,buy,1700000003,3\n';

  it('strict: the first bad row throws, naming file, row, field, expected form and received value', async () => {
    const error = await caught(readEvents(text('events.csv', csv)).collect());
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({
      file: 'events.csv',
      row: 2,
      field: 'type',
      message: 'not an allowed value',
      received: '"teleport"',
    });
    expect(error.message).toMatch(
      /^events\.csv, row 2, field "type": not an allowed value \(expected one of view, /,
    );
  });

  it('lenient: bad rows are counted, kept with reasons in the summary and passed to onReject', async () => {
    const seen: Rejection[] = [];
    const reader = readEvents(text('events.csv', csv), {
      mode: 'lenient',
      onReject: (rejection) => seen.push(rejection),
    });
    const { records, summary } = await reader.collect();
    expect(records.map((record) => record.userId)).toEqual(['a', 'd']);
    expect(summary).toMatchObject({ rows: 4, accepted: 2, rejected: 2 });
    expect(summary.reasons).toEqual({ 'type: not an allowed value': 1, 'price: not a number': 1 });
    expect(seen).toEqual(summary.rejections);
    expect(seen[1]).toEqual({
      row: 3,
      line: 4,
      issues: [
        {
          file: 'events.csv',
          row: 3,
          field: 'price',
          message: 'not a number',
          expected: 'a finite number like 12.5',
          received: '"abc"',
        },
      ],
    });
  });

  it('lenient: keeps only maxRejections reasons but counts them all', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `u${i},x,bad,1700000000,1`).join('\n');
    const { summary } = await readEvents(text('e.csv', `user,item,type,ts,price\n${rows}`), {
      mode: 'lenient',
      maxRejections: 5,
    }).collect();
    expect(summary.rejected).toBe(30);
    expect(summary.rejections).toHaveLength(5);
    expect(summary.reasons['type: not an allowed value']).toBe(30);
  });
});

describe('batches, progress and cancellation', () => {
  const rows = Array.from({ length: 25 }, (_, i) => `${i},v${i}`).join('\n');

  it('yields batches of batchSize and reports progress in bytes with row counts', async () => {
    const events: ProgressEvent[] = [];
    const reader = readRecords(text('r.csv', `id,v\n${rows}\n`), {
      batchSize: 10,
      onProgress: (event) => events.push(event),
    });
    const sizes: number[] = [];
    for await (const batch of reader) sizes.push(batch.length);
    expect(sizes).toEqual([10, 10, 5]);
    const last = events[events.length - 1];
    expect(last).toMatchObject({
      stage: 'read',
      completed: last.total,
      metrics: { rows: 25, accepted: 25, rejected: 0 },
    });
    expect(events.length).toBe(3);
  });

  it('stops with the signal reason when aborted', async () => {
    const controller = new AbortController();
    const reader = readRecords(text('r.csv', `id,v\n${rows}\n`), { batchSize: 5, signal: controller.signal });
    const read = (async () => {
      for await (const _ of reader) controller.abort(new Error('stop now'));
    })();
    await expect(read).rejects.toThrow('stop now');
  });

  it('breaking out after the first batch stops reading (summary stays partial)', async () => {
    const reader = readRecords(text('r.csv', `id,v\n${rows}\n`), { batchSize: 5 });
    for await (const batch of reader) {
      expect(batch).toHaveLength(5);
      break;
    }
    expect(reader.summary.done).toBe(false);
    expect(reader.summary.accepted).toBeLessThan(25);
  });

  it('a reader is iterated once', async () => {
    const reader = readRecords(text('r.csv', 'a\n1\n'));
    await reader.collect();
    await expect(reader.collect()).rejects.toThrow(InvalidArgumentError);
  });

  it('a missing file is an InvalidArgumentError, a corrupt gzip an InputValidationError', async () => {
    await expect(readRecords('/nonexistent/file.csv').collect()).rejects.toThrow(InvalidArgumentError);
    const bad = await caught(readRecords(text('x.csv.gz', new Uint8Array([0x1f, 0x8b, 1, 2, 3]))).collect());
    expect(bad.message).toMatch(/^x\.csv\.gz: cannot read \(gzip data\)/);
  });
});

describe('JSONL', () => {
  it('reads one object per line: nested keys, numbers as ids, blank lines and \\r endings', async () => {
    const data =
      '\ufeff{"userId":7,"itemId":"a","type":"clicks","timestamp":"2024-05-01T00:00:00Z","context":{"device":"ios"}}\r\n\n' +
      '{"user":"8","aid":99,"type":"orders","ts":"2024-05-02T00:00:00Z"}\r{"userId":"9","type":"view","timestamp":"2024-05-03T00:00:00Z","device":"web"}';
    const { records, summary } = await readEvents(text('e.jsonl', data)).collect();
    expect(records).toEqual([
      {
        userId: '7',
        itemId: 'a',
        type: 'click',
        timestamp: Date.UTC(2024, 4, 1),
        context: { device: 'ios' },
      },
      { userId: '8', itemId: '99', type: 'buy', timestamp: Date.UTC(2024, 4, 2) },
      { userId: '9', type: 'view', timestamp: Date.UTC(2024, 4, 3), context: { device: 'web' } },
    ]);
    expect(summary).toMatchObject({ format: 'jsonl', rows: 3, accepted: 3 });
  });

  it('rows are line numbers; invalid JSON, non-objects and missing fields are rejected with reasons', async () => {
    const data =
      '{"userId":"a","type":"view","timestamp":1}\n{oops\n[1,2]\n\n{"type":"view","timestamp":1}\n';
    const { summary } = await readEvents(text('e.ndjson', data), { mode: 'lenient' }).collect();
    expect(
      summary.rejections.map((rejection) => [
        rejection.row,
        rejection.issues[0].field,
        rejection.issues[0].message.split(':')[0],
      ]),
    ).toEqual([
      [2, undefined, 'not valid JSON'],
      [3, undefined, 'not a JSON object'],
      [5, 'userId', 'missing value'],
    ]);
  });

  it('a line longer than maxRecordSize is rejected and reading goes on', async () => {
    const long = `{"userId":"${'x'.repeat(200)}","type":"view","timestamp":1}`;
    const data = `${long}\n{"userId":"b","type":"view","timestamp":2}\n`;
    const chunks = [data.slice(0, 60), data.slice(60, 150), data.slice(150)];
    const reader = readEvents({ name: 'e.jsonl', data: chunks }, { mode: 'lenient', maxRecordSize: 100 });
    const { records, summary } = await reader.collect();
    expect(records.map((record) => record.userId)).toEqual(['b']);
    expect(summary.rejections[0]).toMatchObject({ row: 1 });
  });
});
