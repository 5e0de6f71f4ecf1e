import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inPgTransaction, type PgPool } from './postgres-connection';
import type { StoredEvent } from './storage';
import { EVENT_COLUMNS } from './storage-values';

/** The part of `pg-copy-streams` this adapter uses. */
export interface PgCopyModule {
  from(sql: string): NodeJS.WritableStream;
}

/**
 * Loads the optional peer `pg-copy-streams` (COPY FROM STDIN for `pg`), or `undefined` when it is
 * not installed: appends then use the JSON-array INSERT, which is correct but slower.
 */
export async function loadPgCopy(
  importer: () => Promise<unknown> = () => import('pg-copy-streams'),
): Promise<PgCopyModule | undefined> {
  try {
    const loaded = (await importer()) as { default?: PgCopyModule } & Partial<PgCopyModule>;
    const module = typeof loaded.from === 'function' ? loaded : loaded.default;
    return typeof module?.from === 'function' ? (module as PgCopyModule) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Inserts one chunk through COPY: the rows stream as COPY text into a temporary staging table
 * (per connection, emptied at commit), then one `INSERT … SELECT … ORDER BY event_id ON CONFLICT
 * (event_id) DO NOTHING` moves them, in one transaction. The server parses COPY text and inserts
 * from a local table at about half the CPU of expanding a JSON parameter (measured: 18 vs 36 µs
 * per event for 300k events); the sort keeps concurrent writers' row locks in one order. Returns
 * how many rows were new.
 */
export async function copyEventChunk(
  pool: PgPool,
  copy: PgCopyModule,
  table: string,
  events: readonly StoredEvent[],
  start: number,
  end: number,
): Promise<number> {
  const data = copyText(events, start, end);
  return inPgTransaction(pool, async (client) => {
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS shoppilot_events_staging (LIKE ${table}) ON COMMIT DELETE ROWS`,
    );
    const stream = (client as unknown as { query(s: unknown): NodeJS.WritableStream }).query(
      copy.from(`COPY shoppilot_events_staging (${EVENT_COLUMNS}) FROM STDIN`),
    );
    await pipeline(Readable.from([data]), stream);
    const result = await client.query(
      `INSERT INTO ${table} (${EVENT_COLUMNS}) SELECT ${EVENT_COLUMNS} FROM shoppilot_events_staging
       ORDER BY event_id ON CONFLICT (event_id) DO NOTHING`,
    );
    return result.rowCount ?? 0;
  });
}

/** Events [start, end) as PostgreSQL COPY text: tab-separated, `\N` for NULL, one line per row. */
export function copyText(events: readonly StoredEvent[], start: number, end: number): string {
  const lines = new Array<string>(end - start + 1);
  for (let i = start; i < end; i++) {
    const event = events[i];
    lines[i - start] = [
      copyField(event.eventId),
      copyField(event.userId),
      event.itemId === undefined ? NULL : copyField(event.itemId),
      event.type,
      String(event.timestamp),
      event.categoryId === undefined ? NULL : copyField(event.categoryId),
      event.quantity === undefined ? NULL : String(event.quantity),
      event.price === undefined ? NULL : String(event.price),
      event.context ? copyField(JSON.stringify(event.context)) : NULL,
    ].join('\t');
  }
  lines[end - start] = '';
  return lines.join('\n');
}

const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value in COPY text format: backslash, tab, newline and carriage return escaped. */
function copyField(value: string): string {
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
}
