import { compareCodePoints } from './code-point-order';
import type { PgPool } from './postgres-connection';
import type { StoredEvent } from './storage';
import { EVENT_COLUMNS } from './storage-values';

/**
 * Inserts one chunk of events with a single statement: the rows travel as one JSON array parameter
 * and the server expands it (`json_array_elements`), so thousands of rows cost one round trip and
 * no client-side SQL building. Rows are sorted by event id, so concurrent writers take row locks
 * in the same order and cannot deadlock. Returns how many rows were new.
 */
export async function insertEventChunk(
  pool: PgPool,
  table: string,
  events: readonly StoredEvent[],
  start: number,
  end: number,
): Promise<number> {
  const chunk = events.slice(start, end).sort((a, b) => compareCodePoints(a.eventId, b.eventId));
  const rows = chunk.map((event) => [
    event.eventId,
    event.userId,
    event.itemId ?? null,
    event.type,
    event.timestamp,
    event.categoryId ?? null,
    event.quantity ?? null,
    event.price ?? null,
    event.context ?? null,
  ]);
  const result = await pool.query(
    `INSERT INTO ${table} (${EVENT_COLUMNS})
     SELECT r->>0, r->>1, r->>2, r->>3, (r->>4)::bigint, r->>5, (r->>6)::float8, (r->>7)::float8,
            CASE WHEN json_typeof(r->8) = 'object' THEN (r->8)::jsonb END
     FROM json_array_elements($1::json) AS r
     ON CONFLICT (event_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  return result.rowCount ?? 0;
}

/**
 * Runs `insert` over chunks [0, total) with at most `concurrency` in flight; calls `onChunk`
 * with the number of events finished so far. Stops at the first failure.
 */
export async function forEachChunk(
  total: number,
  chunkSize: number,
  concurrency: number,
  insert: (start: number, end: number) => Promise<number>,
  onChunk: (completed: number) => void,
): Promise<number> {
  let nextStart = 0;
  let inserted = 0;
  let completed = 0;
  let failed = false;
  const worker = async () => {
    while (nextStart < total && !failed) {
      const start = nextStart;
      const end = Math.min(total, start + chunkSize);
      nextStart = end;
      let added: number;
      try {
        added = await insert(start, end);
      } catch (error) {
        failed = true;
        throw error;
      }
      // Add after the await: `inserted += await …` would read `inserted` before another worker's update.
      inserted += added;
      completed += end - start;
      onChunk(completed);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return inserted;
}
