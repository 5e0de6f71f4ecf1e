import { gzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputValidationError, ShopPilotError } from '../errors/index';
import type { DataSource } from './open-source';
import { readEvents } from './read-events';
import { readRecords } from './read-records';

/** Bytes cut at the given fractions (anywhere: inside quotes, between \r and \n, inside UTF-8). */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * bytes.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) chunks.push(bytes.subarray(start, point));
    start = Math.max(start, point);
  }
  return chunks;
}

function source(name: string, bytes: Uint8Array, cuts: number[], gzip: boolean): DataSource {
  return gzip
    ? { name: `${name}.gz`, data: chunked(gzipSync(bytes), cuts) }
    : { name, data: chunked(bytes, cuts) };
}

const encoder = new TextEncoder();
const specials = fc.constantFrom(
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\ufeff',
  ' ',
  'é',
  '日本',
  '😀',
  '\u0000',
);
/** Any text: random code points (no lone surrogates, which UTF-8 cannot carry) mixed with CSV specials. */
const anyText = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), specials), { maxLength: 6 })
  .map((parts) => parts.join(''));
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });
const endings = fc.constantFrom('unix', 'windows', 'mac') as fc.Arbitrary<'unix' | 'windows' | 'mac'>;

describe('CSV round trip (property)', () => {
  const schema = z.object({
    id: z.string().min(1),
    name: z.string().optional(),
    qty: z.number(),
    flag: z.boolean(),
  });
  const record = fc.record({
    id: anyText.filter((text) => text.length > 0),
    name: anyText,
    qty: fc
      .oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))
      .map((x) => (Object.is(x, -0) ? 0 : x)),
    flag: fc.boolean(),
  });

  it('records written by csv-stringify (quoting every field with CR or LF, as RFC 4180 asks) come back equal, however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 25 }),
        fc.constantFrom(',', ';', '\t'),
        endings,
        fc.boolean(),
        cuts,
        fc.boolean(),
        async (records, delimiter, ending, bom, cutAt, gzip) => {
          const text = stringify(records, {
            header: true,
            columns: ['id', 'name', 'qty', 'flag'],
            delimiter,
            record_delimiter: ending,
            bom,
            quoted_match: /[\r\n]/,
            cast: { boolean: (value: boolean) => String(value), number: (value: number) => String(value) },
          });
          const reader = readRecords(source('r.csv', encoder.encode(text), cutAt, gzip), {
            schema,
            delimiter,
            whitespace: 'keep',
            batchSize: 7,
          });
          const { records: back, summary } = await reader.collect();
          const expected = records.map(({ name, ...rest }) => (name === '' ? rest : { ...rest, name }));
          expect(back).toEqual(expected);
          expect(summary).toMatchObject({ rows: records.length, accepted: records.length, rejected: 0 });
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** Event rows whose cells are either valid or certainly invalid, with the expected outcome. */
const hostile = {
  userId: fc.constantFrom('', '   '),
  type: fc.constantFrom('teleport', 'VIEWS', '1', 'null', '{}'),
  timestamp: fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e400',
    'abc',
    '-5',
    '2023-02-30',
    '0x10',
    '1,5',
    '１２',
  ),
  price: fc.constantFrom('NaN', 'Infinity', '1e400', '-1', 'abc', '12,5', '--1', '1e', '"'),
};
const valid = {
  userId: anyText.filter((text) => text.trim().length > 0),
  type: fc.constantFrom('view', 'click', 'buy', 'pv', 'cart', 'Orders'),
  timestamp: fc.integer({ min: 0, max: 4e9 }).map(String),
  price: fc.oneof(fc.constant(''), fc.double({ min: 0, max: 1e12, noNaN: true }).map(String)),
};
type Cells = Record<keyof typeof valid, string>;
const eventRow = fc
  .record({
    userId: fc.oneof(
      { weight: 4, arbitrary: valid.userId.map((v) => [v, true] as const) },
      hostile.userId.map((v) => [v, false] as const),
    ),
    type: fc.oneof(
      { weight: 4, arbitrary: valid.type.map((v) => [v, true] as const) },
      hostile.type.map((v) => [v, false] as const),
    ),
    timestamp: fc.oneof(
      { weight: 4, arbitrary: valid.timestamp.map((v) => [v, true] as const) },
      hostile.timestamp.map((v) => [v, false] as const),
    ),
    price: fc.oneof(
      { weight: 4, arbitrary: valid.price.map((v) => [v, true] as const) },
      hostile.price.map((v) => [v, false] as const),
    ),
  })
  .map((cells) => {
    const entries = Object.entries(cells) as Array<[string, readonly [string, boolean]]>;
    return {
      cells: Object.fromEntries(entries.map(([key, pair]) => [key, pair[0]])) as Cells,
      ok: entries.every(([, pair]) => pair[1]),
    };
  });

function writeRows(rows: Cells[], endingsPerRow: string[], blankAfter: boolean[]): string {
  let text = stringify([['userId', 'type', 'timestamp', 'price']], { record_delimiter: 'unix' });
  rows.forEach((row, index) => {
    const ending = endingsPerRow[index % endingsPerRow.length] as 'unix' | 'windows' | 'mac';
    text += stringify([[row.userId, row.type, row.timestamp, row.price]], {
      record_delimiter: ending,
      quoted_match: /[\r\n]/,
    });
    if (blankAfter[index % blankAfter.length]) text += '\n';
  });
  return text;
}

describe('event rows with hostile cells (property)', () => {
  it('lenient: every row is accepted or rejected, and exactly the valid rows are accepted, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventRow, { maxLength: 30 }),
        fc.array(endings, { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
        cuts,
        async (rows, endingsPerRow, blanks, cutAt) => {
          const text = writeRows(
            rows.map((row) => row.cells),
            endingsPerRow,
            blanks,
          );
          const reader = readEvents(source('e.csv', encoder.encode(text), cutAt, false), {
            mode: 'lenient',
            timestampFormat: 'unix-s',
            batchSize: 4,
          });
          const { records, summary } = await reader.collect();
          const expectedRows = rows.filter((row) => row.ok);
          expect(summary.rows).toBe(rows.length);
          expect(summary.accepted + summary.rejected).toBe(rows.length);
          expect(records.map((record) => record.userId)).toEqual(
            expectedRows.map((row) => row.cells.userId.trim()),
          );
          expect(records.map((record) => record.timestamp)).toEqual(
            expectedRows.map((row) => Number(row.cells.timestamp) * 1000),
          );
          const rejectedRows = rows.flatMap((row, index) => (row.ok ? [] : [index + 1]));
          expect(summary.rejections.map((rejection) => rejection.row)).toEqual(rejectedRows);
          for (const rejection of summary.rejections) {
            for (const issue of rejection.issues)
              expect(issue).toMatchObject({ file: 'e.csv', row: rejection.row });
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('strict: throws InputValidationError at the first bad row, or returns every row', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventRow, { maxLength: 20 }), cuts, async (rows, cutAt) => {
        const text = writeRows(
          rows.map((row) => row.cells),
          ['windows', 'unix'],
          [false],
        );
        const firstBad = rows.findIndex((row) => !row.ok);
        const result = await readEvents(source('e.csv', encoder.encode(text), cutAt, false), {
          timestampFormat: 'unix-s',
        })
          .collect()
          .then(
            (value) => value,
            (error: unknown) => error,
          );
        if (firstBad < 0) expect(result).toMatchObject({ summary: { accepted: rows.length } });
        else {
          expect(InputValidationError.isInstance(result)).toBe(true);
          expect((result as InputValidationError).location).toMatchObject({
            file: 'e.csv',
            row: firstBad + 1,
          });
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('raw hostile bytes (property)', () => {
  const token = fc.oneof(
    specials,
    fc.constantFrom(
      'user',
      'type',
      'timestamp',
      'view',
      'buy',
      '1700000000',
      'NaN',
      'Infinity',
      '1e400',
      '{',
      '}',
      '[',
      ']',
      ':',
    ),
    fc.constantFrom('9'.repeat(400), '-0', '"unterminated', 'a"b', '""""'),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );
  const garbage = fc.array(token, { maxLength: 60 }).map((parts) => parts.join(''));

  it('CSV and JSONL readers finish with counted rows or a typed error, never an untyped crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        garbage,
        fc.constantFrom('e.csv', 'e.jsonl'),
        fc.constantFrom('strict', 'lenient') as fc.Arbitrary<'strict' | 'lenient'>,
        fc.integer({ min: 8, max: 400 }),
        cuts,
        fc.boolean(),
        async (body, name, mode, maxRecordSize, cutAt, gzip) => {
          const text = name.endsWith('.csv') ? `userId,type,timestamp\n${body}` : body;
          const bytes = encoder.encode(text);
          const reader = readEvents(source(name, bytes, cutAt, gzip), {
            mode,
            maxRecordSize: Math.max(maxRecordSize, 30),
          });
          const outcome = await reader.collect().then(
            (value) => value,
            (error: unknown) => error,
          );
          if (outcome instanceof Error) {
            expect(ShopPilotError.isInstance(outcome), String(outcome)).toBe(true);
            return;
          }
          const { records, summary } = outcome as Awaited<ReturnType<typeof reader.collect>>;
          expect(summary.done).toBe(true);
          expect(summary.rows).toBe(summary.accepted + summary.rejected);
          expect(records).toHaveLength(summary.accepted);
          const lineBreaks = (text.match(/\r\n|\r|\n/g) ?? []).length;
          expect(summary.rows).toBeLessThanOrEqual(lineBreaks + 1);
          if (summary.rejected <= 1000) expect(summary.rejections).toHaveLength(summary.rejected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('JSONL with wrong types, huge numbers and nesting: each object line is accepted or rejected', async () => {
    const value = fc.oneof(
      fc.constantFrom(
        '1e400',
        '-1e400',
        'NaN',
        'null',
        'true',
        '[]',
        '{}',
        '"x"',
        '""',
        '1700000000',
        '"2024-05-01"',
        '12345678901234567890',
      ),
      fc.json({ maxDepth: 2 }),
    );
    const line = fc.record({ userId: value, type: value, timestamp: value, context: value });
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 20 }),
        fc.array(endings, { minLength: 1 }),
        cuts,
        async (lines, ends, cutAt) => {
          const breaks = { unix: '\n', windows: '\r\n', mac: '\r' };
          const text = lines
            .map((fields, index) => {
              const body = Object.entries(fields)
                .map(([key, raw]) => `${JSON.stringify(key)}:${raw}`)
                .join(',');
              return `{${body}}${breaks[ends[index % ends.length]]}`;
            })
            .join('');
          const { summary, records } = await readEvents(
            source('e.jsonl', encoder.encode(text), cutAt, false),
            {
              mode: 'lenient',
            },
          ).collect();
          expect(summary.rows).toBe(lines.length);
          expect(summary.accepted + summary.rejected).toBe(lines.length);
          for (const record of records) {
            expect(Number.isInteger(record.timestamp) && record.timestamp >= 0).toBe(true);
            expect(record.userId.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
