import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { throwIfAborted } from '../progress/progress';
import type { BehaviorEvent } from '../schema/behavior-event';
import { bulkLoadEvents } from './bulk-load';
import { describePgTarget, inPgTransaction, loadPg, type PgPool, pgError } from './postgres-connection';
import { copyEventChunk, loadPgCopy, type PgCopyModule } from './postgres-copy-writer';
import { forEachChunk, insertEventChunk } from './postgres-event-writer';
import { migratePostgres, postgresUserIndexSql, quoteSchema } from './postgres-schema';
import { PostgresStateStore } from './postgres-state-store';
import { prepareEvents } from './prepare-events';
import { countSql, integerTimeBounds, keysetScan, scanPageSql } from './sql-event-query';
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
import { checkName, checkQuery, closedError, type EventRow, positiveIntegerOption } from './storage-values';

export interface PostgresStorageOptions {
  /** Connection URL, `postgres://user:password@host:5432/database`. Required. */
  url: string;
  /** Schema holding the tables, created when missing (lower-case identifier). Default `shoppilot`. */
  schema?: string;
  /** Pooled connections. Default 4. */
  poolSize?: number;
  /** Events per INSERT statement in `appendEvents`. Default 5,000. */
  batchSize?: number;
  /** INSERT statements in flight at once during `appendEvents`. Default 2. */
  writeConcurrency?: number;
  /** Events fetched per page while scanning. Default 5,000. */
  scanPageSize?: number;
  /** How long to wait for a connection, in ms. Default 10,000. */
  connectionTimeoutMs?: number;
  /**
   * Append through COPY FROM STDIN (needs the optional peer `pg-copy-streams`; about half the server
   * CPU per event) or through one INSERT with a JSON-array parameter per chunk. Default `copy` when
   * `pg-copy-streams` is installed, else `json`.
   */
  appendMethod?: 'copy' | 'json';
}

/**
 * Storage on a PostgreSQL server through the optional peer `pg` (loaded on first use;
 * `MissingDependencyError` when absent). A connection pool, every table in one schema per store
 * (so tests and tenants can run side by side), multi-row inserts with ON CONFLICT DO NOTHING,
 * keyset-paged scans. All SQL is parameterised; the schema name is validated and quoted.
 */
export class PostgresStorage implements Storage {
  readonly kind = 'postgres';
  readonly schema: string;
  readonly #pool: PgPool;
  readonly #quoted: string;
  readonly #state: PostgresStateStore;
  readonly #batchSize: number;
  readonly #writeConcurrency: number;
  readonly #scanPageSize: number;
  readonly #copy: PgCopyModule | undefined;
  #closed = false;

  private constructor(pool: PgPool, options: PostgresStorageOptions, copy: PgCopyModule | undefined) {
    this.#pool = pool;
    this.#copy = copy;
    this.schema = options.schema ?? 'shoppilot';
    this.#quoted = quoteSchema(this.schema);
    this.#state = new PostgresStateStore(pool, this.schema, this.#quoted);
    this.#batchSize = positiveIntegerOption(options.batchSize, 5_000, 'batchSize');
    this.#writeConcurrency = positiveIntegerOption(options.writeConcurrency, 2, 'writeConcurrency');
    this.#scanPageSize = positiveIntegerOption(options.scanPageSize, 5_000, 'scanPageSize');
  }

  /** Connects, then creates or upgrades the schema. */
  static async open(options: PostgresStorageOptions): Promise<PostgresStorage> {
    checkName(options?.url, 'url');
    quoteSchema(options.schema ?? 'shoppilot');
    const pg = await loadPg();
    const method = options.appendMethod ?? 'copy';
    if (method !== 'copy' && method !== 'json') {
      throw new InvalidArgumentError({
        argument: 'appendMethod',
        message: "must be 'copy' or 'json'",
        value: method,
      });
    }
    const copy = method === 'copy' ? await loadPgCopy() : undefined;
    const pool = new pg.Pool({
      connectionString: options.url,
      max: positiveIntegerOption(options.poolSize, 4, 'poolSize'),
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
      application_name: 'shoppilot',
    });
    // Errors of idle pooled clients (server restart…) surface on the next query instead.
    pool.on('error', () => undefined);
    try {
      const storage = new PostgresStorage(pool, options, copy);
      await migratePostgres(pool, storage.schema);
      return storage;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw pgError(error, `opening PostgreSQL at ${describePgTarget(options.url)}`);
    }
  }

  async appendEvents(events: readonly BehaviorEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.#assertOpen();
    throwIfAborted(options.signal);
    const prepared = prepareEvents(events);
    const table = `${this.#quoted}.events`;
    const inserted = await forEachChunk(
      prepared.length,
      this.#batchSize,
      this.#writeConcurrency,
      async (start, end) => {
        throwIfAborted(options.signal);
        this.#assertOpen();
        const written = this.#copy
          ? copyEventChunk(this.#pool, this.#copy, table, prepared, start, end)
          : insertEventChunk(this.#pool, table, prepared, start, end);
        return written.catch((error) => {
          throw pgError(error, 'appending events');
        });
      },
      (completed) => options.onProgress?.({ stage: 'append', completed, total: prepared.length }),
    );
    return { inserted, duplicates: prepared.length - inserted };
  }

  /**
   * Appends many batches as one bulk load: the (user_id, ts, event_id) index is dropped first and
   * built once at the end (the server sorts instead of inserting at a random place per event).
   * Each batch is validated and committed as `appendEvents` would (a bad batch rejects and stops
   * the load; earlier batches stay). Queries stay correct meanwhile, but user scans read the whole
   * table, and other writers wait while the index builds. Progress: stage `append` (events so far).
   */
  async bulkLoad(
    batches: AsyncIterable<readonly BehaviorEvent[]> | Iterable<readonly BehaviorEvent[]>,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.#assertOpen();
    const sql = postgresUserIndexSql(this.#quoted);
    const run = async (action: string, text: string) => {
      await this.#guard(action, () => this.#pool.query(text));
    };
    const target = {
      dropUserIndex: () => run('starting a bulk load', sql.drop),
      buildUserIndex: () => run('building the per-user index', sql.create),
      append: (events: readonly BehaviorEvent[], o: AppendOptions) => this.appendEvents(events, o),
    };
    return bulkLoadEvents(target, batches, options);
  }

  async *scanEvents(query?: EventQuery): AsyncIterable<StoredEvent> {
    const checked = checkQuery(query);
    yield* keysetScan(checked, this.#scanPageSize, (size, after) => {
      const { sql, params } = scanPageSql(`${this.#quoted}.events`, checked, 'postgres', size, after);
      return this.#guard('scanning events', async () => (await this.#pool.query<EventRow>(sql, params)).rows);
    });
  }

  async countEvents(query?: EventQuery): Promise<number> {
    const checked = checkQuery(query);
    if (integerTimeBounds(checked).empty) return 0;
    const { sql, params } = countSql(`${this.#quoted}.events`, checked, 'postgres');
    return this.#guard('counting events', async () => {
      const { rows } = await this.#pool.query<{ n: string }>(sql, params);
      return Number(rows[0].n);
    });
  }

  /** Distinct users by a loose index scan (one index probe per user), 1,000 per page. */
  async *listUsers(): AsyncIterable<string> {
    const events = `${this.#quoted}.events`;
    let after = '';
    for (;;) {
      const rows = await this.#guard('listing users', async () => {
        const result = await this.#pool.query<{ user_id: string }>(
          `WITH RECURSIVE users (user_id) AS (
             (SELECT user_id FROM ${events} WHERE user_id > $1 ORDER BY user_id LIMIT 1)
             UNION ALL
             SELECT (SELECT e.user_id FROM ${events} e WHERE e.user_id > users.user_id ORDER BY e.user_id LIMIT 1)
             FROM users WHERE users.user_id IS NOT NULL)
           SELECT user_id FROM users WHERE user_id IS NOT NULL LIMIT 1000`,
          [after],
        );
        return result.rows;
      });
      for (const row of rows) yield row.user_id;
      if (rows.length < 1000) return;
      after = rows[rows.length - 1].user_id;
    }
  }

  getState<T = unknown>(key: string): Promise<T | undefined> {
    return this.#guard('reading state', () => this.#state.get<T>(key));
  }

  setState(key: string, value: unknown, options: StateOptions = {}): Promise<void> {
    return this.#guard('writing state', () => this.#state.set(key, value, options));
  }

  deleteState(key: string): Promise<boolean> {
    return this.#guard('deleting state', () => this.#state.delete(key));
  }

  listState<T = unknown>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    return this.#guard('listing state', () => this.#state.list<T>(prefix));
  }

  putArtifact(name: string, data: Uint8Array, options: PutArtifactOptions = {}): Promise<ArtifactInfo> {
    return this.#guard('writing an artifact', () => this.#state.putArtifact(name, data, options));
  }

  getArtifact(name: string, version?: number): Promise<Artifact | undefined> {
    return this.#guard('reading an artifact', () => this.#state.getArtifact(name, version));
  }

  listArtifactVersions(name: string): Promise<ArtifactInfo[]> {
    return this.#guard('listing artifacts', () => this.#state.listArtifactVersions(name));
  }

  deleteUser(userId: string): Promise<DeleteUserReport> {
    return this.#guard('deleting a user', async () => {
      checkName(userId, 'userId');
      return inPgTransaction(this.#pool, async (client) => {
        const remove = async (table: string) =>
          (await client.query(`DELETE FROM ${this.#quoted}.${table} WHERE user_id = $1`, [userId]))
            .rowCount ?? 0;
        return {
          userId,
          events: await remove('events'),
          stateKeys: await remove('state'),
          artifacts: await remove('artifacts'),
        };
      });
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  /** Drops the store's schema with every table in it, then closes. For tests and teardown. */
  async dropSchema(): Promise<void> {
    await this.#guard('dropping the schema', () =>
      this.#pool.query(`DROP SCHEMA IF EXISTS ${this.#quoted} CASCADE`),
    );
    await this.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw closedError(this.kind);
  }

  async #guard<T>(action: string, work: () => Promise<T>): Promise<T> {
    this.#assertOpen();
    try {
      return await work();
    } catch (error) {
      throw pgError(error, action);
    }
  }
}
