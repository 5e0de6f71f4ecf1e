import type { EventQuery, StoredEvent } from './storage';
import { EVENT_COLUMNS, type EventRow, eventFromRow } from './storage-values';

export type SqlDialect = 'sqlite' | 'postgres';

export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/** Where the previous page ended (keyset pagination on the scan order). */
export interface ScanCursor {
  timestamp: number;
  eventId: string;
}

/**
 * Integer time bounds equivalent to the query's (timestamps are integers, so `ts >= 1.5` is
 * `ts >= 2`); `empty` when no timestamp can match.
 */
export function integerTimeBounds(query: EventQuery): { from?: number; to?: number; empty: boolean } {
  const from = query.from === undefined || query.from === -Infinity ? undefined : Math.ceil(query.from);
  const to = query.to === undefined || query.to === Infinity ? undefined : Math.ceil(query.to);
  const empty =
    from === Infinity || to === -Infinity || (from !== undefined && to !== undefined && from >= to);
  return { from, to, empty };
}

/** Builds `WHERE …` over the events table with placeholders of the dialect. */
function whereClause(query: EventQuery, dialect: SqlDialect, params: unknown[], after?: ScanCursor): string {
  const next = (value: unknown) => {
    params.push(value);
    return dialect === 'sqlite' ? '?' : `$${params.length}`;
  };
  const { from, to } = integerTimeBounds(query);
  const conditions: string[] = [];
  if (query.userId !== undefined) conditions.push(`user_id = ${next(query.userId)}`);
  // After the first page the cursor (>= from) bounds the seek; keeping `ts >= from` too would make
  // SQLite seek from `from` on every page.
  if (from !== undefined && !after) conditions.push(`ts >= ${next(from)}`);
  if (to !== undefined) conditions.push(`ts < ${next(to)}`);
  if (query.types !== undefined) {
    conditions.push(
      dialect === 'sqlite'
        ? `type IN (${query.types.map((type) => next(type)).join(', ') || 'NULL'})`
        : `type = ANY(${next([...query.types])}::text[])`,
    );
  }
  if (after) conditions.push(`(ts, event_id) > (${next(after.timestamp)}, ${next(after.eventId)})`);
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** One page of a scan in (ts, event_id) order, after `after` when given. */
export function scanPageSql(
  table: string,
  query: EventQuery,
  dialect: SqlDialect,
  pageSize: number,
  after?: ScanCursor,
): SqlStatement {
  const params: unknown[] = [];
  const where = whereClause(query, dialect, params, after);
  params.push(pageSize);
  const limit = dialect === 'sqlite' ? '?' : `$${params.length}`;
  return {
    sql: `SELECT ${EVENT_COLUMNS} FROM ${table} ${where} ORDER BY ts, event_id LIMIT ${limit}`,
    params,
  };
}

/** `count(*)` of the query's events (respecting its limit). */
export function countSql(table: string, query: EventQuery, dialect: SqlDialect): SqlStatement {
  const params: unknown[] = [];
  const where = whereClause(query, dialect, params);
  let limit = '';
  if (query.limit !== undefined) {
    params.push(query.limit);
    limit = ` LIMIT ${dialect === 'sqlite' ? '?' : `$${params.length}`}`;
  }
  return { sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} ${where}${limit}) AS matched`, params };
}

/**
 * Streams a query page by page (keyset pagination on (ts, event_id)), so a scan of millions of
 * events holds one page at a time and no statement or cursor stays open between pages (writes may
 * interleave with a scan; an event appended behind the cursor is not seen, one ahead of it is).
 */
export async function* keysetScan(
  query: EventQuery,
  pageSize: number,
  fetchPage: (size: number, after: ScanCursor | undefined) => EventRow[] | Promise<EventRow[]>,
): AsyncGenerator<StoredEvent> {
  if (integerTimeBounds(query).empty) return;
  let remaining = query.limit ?? Number.POSITIVE_INFINITY;
  let after: ScanCursor | undefined;
  while (remaining > 0) {
    const size = Math.min(pageSize, remaining);
    const rows = await fetchPage(size, after);
    for (const row of rows) yield eventFromRow(row);
    remaining -= rows.length;
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    after = { timestamp: Number(last.ts), eventId: last.event_id };
  }
}
