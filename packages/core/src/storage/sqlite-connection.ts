import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { AdapterError } from '../errors/adapter-error';
import { ShopPilotError } from '../errors/shoppilot-error';

type SqliteModule = typeof import('node:sqlite');

/** `node:sqlite`, loaded on first use (so importing core never triggers its experimental warning). */
export function loadSqlite(): SqliteModule {
  const sqlite = process.getBuiltinModule?.('node:sqlite') as SqliteModule | undefined;
  if (!sqlite) {
    throw new AdapterError({
      adapter: 'sqlite',
      reason: 'connection',
      message: `node:sqlite is not available in Node.js ${process.version}; SQLite storage needs Node.js 22.5 or newer`,
    });
  }
  return sqlite;
}

/** Runs `work` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // SQLite already rolled back (e.g. on SQLITE_FULL); the original error is what matters.
    }
    throw error;
  }
}

/** Wraps SQLite errors as `AdapterError` (busy/locked ones are retryable); ShopPilot errors pass. */
export function sqliteError(error: unknown, action: string): Error {
  if (ShopPilotError.isInstance(error)) return error;
  const code = (error as { errcode?: number })?.errcode;
  const busy = code === 5 || code === 6;
  return new AdapterError({
    adapter: 'sqlite',
    reason: busy ? 'connection' : 'server',
    retryable: busy,
    message: `${action} failed: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}

/** Prepared statements cached by SQL text (scan shapes vary with the query's filters). */
export class StatementCache {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  get(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
