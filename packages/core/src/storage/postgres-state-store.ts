import { prefixUpperBound } from './code-point-order';
import { inPgTransaction, type PgPool } from './postgres-connection';
import type { Artifact, ArtifactInfo, PutArtifactOptions, StateOptions } from './storage';
import {
  ARTIFACT_INFO_COLUMNS,
  type ArtifactRow,
  artifactInfoFromRow,
  checkBytes,
  checkName,
  checkPrefix,
  checkVersion,
  encodeJson,
  encodeMetadata,
} from './storage-values';

/** Key-value state and versioned artifacts of the PostgreSQL store, in the given schema. */
export class PostgresStateStore {
  readonly #pool: PgPool;
  readonly #schema: string;
  readonly #quoted: string;

  constructor(pool: PgPool, schema: string, quoted: string) {
    this.#pool = pool;
    this.#schema = schema;
    this.#quoted = quoted;
  }

  async get<T>(key: string): Promise<T | undefined> {
    checkName(key, 'key');
    const { rows } = await this.#pool.query<{ value: string }>(
      `SELECT value FROM ${this.#quoted}.state WHERE key = $1`,
      [key],
    );
    return rows.length ? (JSON.parse(rows[0].value) as T) : undefined;
  }

  async set(key: string, value: unknown, options: StateOptions): Promise<void> {
    checkName(key, 'key');
    const userId = options.userId === undefined ? null : checkName(options.userId, 'userId');
    await this.#pool.query(
      `INSERT INTO ${this.#quoted}.state (key, value, user_id) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, user_id = EXCLUDED.user_id`,
      [key, encodeJson(value, 'value'), userId],
    );
  }

  async delete(key: string): Promise<boolean> {
    checkName(key, 'key');
    const result = await this.#pool.query(`DELETE FROM ${this.#quoted}.state WHERE key = $1`, [key]);
    return (result.rowCount ?? 0) > 0;
  }

  async list<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    checkPrefix(prefix);
    const bound = prefixUpperBound(prefix);
    const { rows } = await this.#pool.query<{ key: string; value: string }>(
      bound === undefined
        ? `SELECT key, value FROM ${this.#quoted}.state WHERE key >= $1 ORDER BY key`
        : `SELECT key, value FROM ${this.#quoted}.state WHERE key >= $1 AND key < $2 ORDER BY key`,
      bound === undefined ? [prefix] : [prefix, bound],
    );
    return rows.map((row) => ({ key: row.key, value: JSON.parse(row.value) as T }));
  }

  /** Next version under a per-name advisory lock, so concurrent writers get 1, 2, 3… */
  async putArtifact(name: string, data: Uint8Array, options: PutArtifactOptions): Promise<ArtifactInfo> {
    checkName(name, 'name');
    const bytes = checkBytes(data);
    const userId = options.userId === undefined ? null : checkName(options.userId, 'userId');
    const metadata = encodeMetadata(options.metadata);
    const createdAt = Date.now();
    const version = await inPgTransaction(this.#pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `shoppilot-artifact:${this.#schema}:${name}`,
      ]);
      const { rows } = await client.query<{ version: number }>(
        `INSERT INTO ${this.#quoted}.artifacts (${ARTIFACT_INFO_COLUMNS}, data, user_id)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6 FROM ${this.#quoted}.artifacts WHERE name = $1
         RETURNING version`,
        [
          name,
          createdAt,
          bytes.byteLength,
          metadata,
          Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          userId,
        ],
      );
      return rows[0].version;
    });
    return { name, version, createdAt, size: bytes.byteLength, metadata: JSON.parse(metadata) };
  }

  async getArtifact(name: string, version: number | undefined): Promise<Artifact | undefined> {
    checkName(name, 'name');
    checkVersion(version);
    const { rows } = await this.#pool.query<ArtifactRow>(
      version === undefined
        ? `SELECT ${ARTIFACT_INFO_COLUMNS}, data FROM ${this.#quoted}.artifacts WHERE name = $1 ORDER BY version DESC LIMIT 1`
        : `SELECT ${ARTIFACT_INFO_COLUMNS}, data FROM ${this.#quoted}.artifacts WHERE name = $1 AND version = $2`,
      version === undefined ? [name] : [name, version],
    );
    if (!rows.length) return undefined;
    return { info: artifactInfoFromRow(rows[0]), data: new Uint8Array(rows[0].data as Uint8Array) };
  }

  async listArtifactVersions(name: string): Promise<ArtifactInfo[]> {
    checkName(name, 'name');
    const { rows } = await this.#pool.query<ArtifactRow>(
      `SELECT ${ARTIFACT_INFO_COLUMNS} FROM ${this.#quoted}.artifacts WHERE name = $1 ORDER BY version`,
      [name],
    );
    return rows.map((row) => artifactInfoFromRow(row));
  }
}
