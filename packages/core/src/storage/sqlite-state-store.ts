import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inTransaction } from './sqlite-connection';
import type { Artifact, ArtifactInfo, PutArtifactOptions, StateOptions } from './storage';
import {
  ARTIFACT_INFO_COLUMNS,
  type ArtifactRow,
  artifactInfoFromRow,
  checkBytes,
  checkName,
  checkVersion,
  encodeJson,
  encodeMetadata,
} from './storage-values';

/** Key-value state and versioned artifacts of the SQLite store. */
export class SqliteStateStore {
  readonly #db: DatabaseSync;
  readonly #get: StatementSync;
  readonly #set: StatementSync;
  readonly #delete: StatementSync;
  readonly #listFrom: StatementSync;
  readonly #listRange: StatementSync;
  readonly #nextVersion: StatementSync;
  readonly #insertArtifact: StatementSync;
  readonly #latest: StatementSync;
  readonly #version: StatementSync;
  readonly #versions: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#get = db.prepare('SELECT value FROM state WHERE key = ?');
    this.#set = db.prepare(
      'INSERT INTO state (key, value, user_id) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, user_id = excluded.user_id',
    );
    this.#delete = db.prepare('DELETE FROM state WHERE key = ?');
    this.#listFrom = db.prepare('SELECT key, value FROM state WHERE key >= ? ORDER BY key');
    this.#listRange = db.prepare('SELECT key, value FROM state WHERE key >= ? AND key < ? ORDER BY key');
    this.#nextVersion = db.prepare(
      'SELECT coalesce(max(version), 0) + 1 AS version FROM artifacts WHERE name = ?',
    );
    this.#insertArtifact = db.prepare(
      `INSERT INTO artifacts (${ARTIFACT_INFO_COLUMNS}, data, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#latest = db.prepare(
      `SELECT ${ARTIFACT_INFO_COLUMNS}, data FROM artifacts WHERE name = ? ORDER BY version DESC LIMIT 1`,
    );
    this.#version = db.prepare(
      `SELECT ${ARTIFACT_INFO_COLUMNS}, data FROM artifacts WHERE name = ? AND version = ?`,
    );
    this.#versions = db.prepare(
      `SELECT ${ARTIFACT_INFO_COLUMNS} FROM artifacts WHERE name = ? ORDER BY version`,
    );
  }

  get<T>(key: string): T | undefined {
    const row = this.#get.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown, options: StateOptions): void {
    checkName(key, 'key');
    const userId = options.userId === undefined ? null : checkName(options.userId, 'userId');
    this.#set.run(key, encodeJson(value, 'value'), userId);
  }

  delete(key: string): boolean {
    return Number(this.#delete.run(key).changes) > 0;
  }

  /** Keys in [prefix, bound) — exactly the keys starting with prefix. */
  list<T>(prefix: string, bound: string | undefined): Array<{ key: string; value: T }> {
    const rows = (
      bound === undefined ? this.#listFrom.all(prefix) : this.#listRange.all(prefix, bound)
    ) as Array<{
      key: string;
      value: string;
    }>;
    return rows.map((row) => ({ key: row.key, value: JSON.parse(row.value) as T }));
  }

  putArtifact(name: string, data: Uint8Array, options: PutArtifactOptions): ArtifactInfo {
    checkName(name, 'name');
    const bytes = checkBytes(data);
    const userId = options.userId === undefined ? null : checkName(options.userId, 'userId');
    const metadata = encodeMetadata(options.metadata);
    const createdAt = Date.now();
    const version = inTransaction(this.#db, () => {
      const next = Number((this.#nextVersion.get(name) as { version: number }).version);
      this.#insertArtifact.run(name, next, createdAt, bytes.byteLength, metadata, bytes, userId);
      return next;
    });
    return { name, version, createdAt, size: bytes.byteLength, metadata: JSON.parse(metadata) };
  }

  getArtifact(name: string, version: number | undefined): Artifact | undefined {
    checkName(name, 'name');
    checkVersion(version);
    const row = (version === undefined ? this.#latest.get(name) : this.#version.get(name, version)) as
      | ArtifactRow
      | undefined;
    return row ? { info: artifactInfoFromRow(row), data: new Uint8Array(row.data as Uint8Array) } : undefined;
  }

  listArtifactVersions(name: string): ArtifactInfo[] {
    checkName(name, 'name');
    return (this.#versions.all(name) as unknown as ArtifactRow[]).map(artifactInfoFromRow);
  }
}
