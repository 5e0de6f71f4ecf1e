import type { DatabaseSync } from 'node:sqlite';
import { AdapterError } from '../errors/adapter-error';
import { throwIfAborted, yieldToEventLoop } from '../progress/progress';
import type { BehaviorEvent } from '../schema/behavior-event';
import { bulkLoadEvents } from './bulk-load';
import { prefixUpperBound } from './code-point-order';
import { prepareEvents } from './prepare-events';
import { countSql, integerTimeBounds, keysetScan, scanPageSql } from './sql-event-query';
import { inTransaction, loadSqlite, StatementCache, sqliteError } from './sqlite-connection';
import { SqliteEventWriter } from './sqlite-event-writer';
import { migrateSqlite, SQLITE_USER_INDEX, SQLITE_USER_INDEX_SQL } from './sqlite-schema';
import { SqliteStateStore } from './sqlite-state-store';
import type {
  AppendOptions,
  AppendResult,
  Artifact,
  ArtifactInfo,
  DeleteUserReport,
  EventQuery,
  PutArtifactOptions,
  StateOptions,
  Storage,
  StoredEvent,
} from './storage';
import {
  checkName,
  checkPrefix,
  checkQuery,
  closedError,
  type EventRow,
  positiveIntegerOption,
} from './storage-values';

export interface SqliteStorageOptions {
  /** Database file, created when missing, or `:memory:`. Default `:memory:`. */
  path?: string;
  /** Events per write transaction in `appendEvents`. Default 50,000. */
  batchSize?: number;
  /** Events fetched per page while scanning. Default 2,000. */
  scanPageSize?: number;
  /**
   * `normal` (default): with WAL, a committed write survives a crash of the process;
   * `full`: it also survives a power loss, at some cost in write speed.
   */
  synchronous?: 'normal' | 'full';
  /** SQLite page cache in MiB (an integer). Default 64. */
  cacheSizeMb?: number;
  /** How long to wait for another process's write lock, in ms. Default 5,000. */
  busyTimeoutMs?: number;
}

/**
 * The embedded default store: SQLite through Node's built-in `node:sqlite` (no install), in a
 * file or in memory. WAL journal, schema created and versioned on open, batched transactions with
 * multi-row prepared statements, keyset-paged scans. Safe for several processes on one file.
 */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite';
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #statements: StatementCache;
  readonly #writer: SqliteEventWriter;
  readonly #state: SqliteStateStore;
  readonly #batchSize: number;
  readonly #scanPageSize: number;
  #closed = false;

  constructor(options: SqliteStorageOptions = {}) {
    this.path = options.path ?? ':memory:';
    this.#batchSize = positiveIntegerOption(options.batchSize, 50_000, 'batchSize');
    this.#scanPageSize = positiveIntegerOption(options.scanPageSize, 2_000, 'scanPageSize');
    const busyTimeoutMs = positiveIntegerOption(options.busyTimeoutMs, 5_000, 'busyTimeoutMs');
    const cacheKib = positiveIntegerOption(options.cacheSizeMb, 64, 'cacheSizeMb') * 1024;
    const { DatabaseSync } = loadSqlite();
    try {
      this.#db = new DatabaseSync(this.path, { timeout: busyTimeoutMs });
    } catch (error) {
      throw new AdapterError({
        adapter: 'sqlite',
        reason: 'connection',
        message: `cannot open ${this.path}: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
    try {
      this.#db.exec(
        `PRAGMA busy_timeout = ${busyTimeoutMs}; PRAGMA journal_mode = WAL;
         PRAGMA synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'};
         PRAGMA cache_size = -${cacheKib};
         PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;`,
      );
      migrateSqlite(this.#db);
      this.#statements = new StatementCache(this.#db);
      this.#writer = new SqliteEventWriter(this.#db);
      this.#state = new SqliteStateStore(this.#db);
    } catch (error) {
      this.#db.close();
      throw sqliteError(error, `opening ${this.path}`);
    }
  }

  /** Opens (creating when missing) the store; same as the constructor, for symmetry with PostgreSQL. */
  static async open(options: SqliteStorageOptions = {}): Promise<SqliteStorage> {
    return new SqliteStorage(options);
  }

  async appendEvents(events: readonly BehaviorEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.#assertOpen();
    throwIfAborted(options.signal);
    const prepared = prepareEvents(events);
    let inserted = 0;
    for (let start = 0; start < prepared.length; start += this.#batchSize) {
      if (start > 0) {
        await yieldToEventLoop();
        throwIfAborted(options.signal);
        this.#assertOpen();
      }
      const end = Math.min(prepared.length, start + this.#batchSize);
      try {
        inserted += this.#writer.insertChunk(prepared, start, end);
      } catch (error) {
        throw sqliteError(error, 'appending events');
      }
      options.onProgress?.({ stage: 'append', completed: end, total: prepared.length });
    }
    return { inserted, duplicates: prepared.length - inserted };
  }

  /**
   * Appends many batches (e.g. the batches of a file reader) as one bulk load: the (user_id, ts)
   * index is dropped first and built once at the end, which costs far less CPU than keeping it up
   * to date event by event when the load is large against what is stored. Each batch is validated
   * and committed as `appendEvents` would (a bad batch rejects and stops the load; earlier batches
   * stay). Queries stay correct during the load, but user scans read the whole table until it ends.
   * Progress: stage `append` (events so far).
   */
  async bulkLoad(
    batches: AsyncIterable<readonly BehaviorEvent[]> | Iterable<readonly BehaviorEvent[]>,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.#assertOpen();
    const exec = async (action: string, sql: string) => this.#guard(action, () => this.#db.exec(sql));
    const target = {
      dropUserIndex: () => exec('starting a bulk load', `DROP INDEX IF EXISTS ${SQLITE_USER_INDEX}`),
      buildUserIndex: () => exec('building the per-user index', SQLITE_USER_INDEX_SQL),
      append: (events: readonly BehaviorEvent[], o: AppendOptions) => this.appendEvents(events, o),
    };
    return bulkLoadEvents(target, batches, options);
  }

  async *scanEvents(query?: EventQuery): AsyncIterable<StoredEvent> {
    const checked = checkQuery(query);
    yield* keysetScan(checked, this.#scanPageSize, (size, after) => {
      const { sql, params } = scanPageSql('events', checked, 'sqlite', size, after);
      return this.#guard(
        'scanning events',
        () => this.#statements.get(sql).all(...(params as never[])) as unknown as EventRow[],
      );
    });
  }

  async countEvents(query?: EventQuery): Promise<number> {
    const checked = checkQuery(query);
    if (integerTimeBounds(checked).empty) return 0;
    const { sql, params } = countSql('events', checked, 'sqlite');
    return this.#guard('counting events', () =>
      Number(this.#statements.get(sql).get(...(params as never[]))?.n),
    );
  }

  async *listUsers(): AsyncIterable<string> {
    let after: string | undefined;
    for (;;) {
      this.#assertOpen();
      const rows = (
        after === undefined
          ? this.#statements.get('SELECT DISTINCT user_id FROM events ORDER BY user_id LIMIT ?').all(1000)
          : this.#statements
              .get('SELECT DISTINCT user_id FROM events WHERE user_id > ? ORDER BY user_id LIMIT ?')
              .all(after, 1000)
      ) as Array<{ user_id: string }>;
      for (const row of rows) yield row.user_id;
      if (rows.length < 1000) return;
      after = rows[rows.length - 1].user_id;
    }
  }

  async getState<T = unknown>(key: string): Promise<T | undefined> {
    return this.#guard('reading state', () => this.#state.get<T>(checkName(key, 'key')));
  }

  async setState(key: string, value: unknown, options: StateOptions = {}): Promise<void> {
    this.#guard('writing state', () => this.#state.set(key, value, options));
  }

  async deleteState(key: string): Promise<boolean> {
    return this.#guard('deleting state', () => this.#state.delete(checkName(key, 'key')));
  }

  async listState<T = unknown>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    return this.#guard('listing state', () =>
      this.#state.list<T>(checkPrefix(prefix), prefixUpperBound(prefix)),
    );
  }

  async putArtifact(name: string, data: Uint8Array, options: PutArtifactOptions = {}): Promise<ArtifactInfo> {
    return this.#guard('writing an artifact', () => this.#state.putArtifact(name, data, options));
  }

  async getArtifact(name: string, version?: number): Promise<Artifact | undefined> {
    return this.#guard('reading an artifact', () => this.#state.getArtifact(name, version));
  }

  async listArtifactVersions(name: string): Promise<ArtifactInfo[]> {
    return this.#guard('listing artifacts', () => this.#state.listArtifactVersions(name));
  }

  async deleteUser(userId: string): Promise<DeleteUserReport> {
    checkName(userId, 'userId');
    return this.#guard('deleting a user', () => {
      const remove = (sql: string) => Number(this.#statements.get(sql).run(userId).changes);
      const report = inTransaction(this.#db, () => ({
        userId,
        events: remove('DELETE FROM events WHERE user_id = ?'),
        stateKeys: remove('DELETE FROM state WHERE user_id = ?'),
        artifacts: remove('DELETE FROM artifacts WHERE user_id = ?'),
      }));
      // secure_delete zeroed the freed cells; a checkpoint drops the old page images from the WAL.
      if (this.path !== ':memory:') this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      return report;
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw closedError(this.kind);
  }

  #guard<T>(action: string, work: () => T): T {
    this.#assertOpen();
    try {
      return work();
    } catch (error) {
      throw sqliteError(error, action);
    }
  }
}
