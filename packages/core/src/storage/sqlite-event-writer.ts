import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { inTransaction } from './sqlite-connection';
import type { StoredEvent } from './storage';
import { EVENT_COLUMNS } from './storage-values';

/** Rows per INSERT statement: one native call binds 64 events (576 parameters). */
const ROWS_PER_STATEMENT = 64;
const COLUMN_COUNT = 9;

function insertSql(rows: number): string {
  const tuple = `(${new Array(COLUMN_COUNT).fill('?').join(', ')})`;
  return `INSERT INTO events (${EVENT_COLUMNS}) VALUES ${new Array(rows).fill(tuple).join(', ')} ON CONFLICT (event_id) DO NOTHING`;
}

/** Writes prepared events with multi-row prepared statements inside one transaction per chunk. */
export class SqliteEventWriter {
  readonly #db: DatabaseSync;
  readonly #many: StatementSync;
  readonly #one: StatementSync;
  readonly #params: SQLInputValue[] = new Array(ROWS_PER_STATEMENT * COLUMN_COUNT);
  readonly #single: SQLInputValue[] = new Array(COLUMN_COUNT);

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#many = db.prepare(insertSql(ROWS_PER_STATEMENT));
    this.#one = db.prepare(insertSql(1));
  }

  /** Inserts events[start, end) in one transaction; returns how many were new. */
  insertChunk(events: readonly StoredEvent[], start: number, end: number): number {
    return inTransaction(this.#db, () => {
      let inserted = 0;
      let index = start;
      for (; index + ROWS_PER_STATEMENT <= end; index += ROWS_PER_STATEMENT) {
        for (let row = 0; row < ROWS_PER_STATEMENT; row++) {
          bindEvent(this.#params, row * COLUMN_COUNT, events[index + row]);
        }
        inserted += Number(this.#many.run(...this.#params).changes);
      }
      for (; index < end; index++) {
        bindEvent(this.#single, 0, events[index]);
        inserted += Number(this.#one.run(...this.#single).changes);
      }
      return inserted;
    });
  }
}

function bindEvent(params: SQLInputValue[], offset: number, event: StoredEvent): void {
  params[offset] = event.eventId;
  params[offset + 1] = event.userId;
  params[offset + 2] = event.itemId ?? null;
  params[offset + 3] = event.type;
  params[offset + 4] = event.timestamp;
  params[offset + 5] = event.categoryId ?? null;
  params[offset + 6] = event.quantity ?? null;
  params[offset + 7] = event.price ?? null;
  params[offset + 8] = event.context ? JSON.stringify(event.context) : null;
}
