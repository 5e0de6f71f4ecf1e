import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { MemoryStorage } from './memory-storage';
import { PostgresStorage, type PostgresStorageOptions } from './postgres-storage';
import { SqliteStorage, type SqliteStorageOptions } from './sqlite-storage';
import type { Storage } from './storage';

export interface CreateStorageOptions {
  /** Options passed to the SQLite adapter (its `path` comes from the URL). */
  sqlite?: Omit<SqliteStorageOptions, 'path'>;
  /** Options passed to the PostgreSQL adapter (its `url` comes from the URL; `schema` may too). */
  postgres?: Omit<PostgresStorageOptions, 'url'>;
}

/**
 * Opens a store from a URL:
 * - `memory:` — in this process only;
 * - `sqlite:<path>`, `sqlite://<path>` or `sqlite::memory:` — an SQLite file (created when missing);
 * - `postgres://…` or `postgresql://…` — a PostgreSQL server; `?schema=name` picks the schema
 *   (default `shoppilot`; the option `postgres.schema` also sets it).
 */
export async function createStorage(url: string, options: CreateStorageOptions = {}): Promise<Storage> {
  if (typeof url !== 'string' || url.length === 0) {
    throw new InvalidArgumentError({
      argument: 'url',
      message: 'must be a storage URL such as sqlite:./shop.db',
    });
  }
  if (url === 'memory:' || url === 'memory://') return new MemoryStorage();
  if (url.startsWith('sqlite:')) return SqliteStorage.open({ ...options.sqlite, path: sqlitePath(url) });
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { connectionUrl, schema } = splitSchemaParameter(url);
    return PostgresStorage.open({
      ...options.postgres,
      url: connectionUrl,
      schema: schema ?? options.postgres?.schema,
    });
  }
  throw new InvalidArgumentError({
    argument: 'url',
    message: 'must start with memory:, sqlite: or postgres:// (e.g. sqlite:./shop.db, sqlite::memory:)',
    value: url.replace(/\/\/[^@/]*@/, '//***@'),
  });
}

/** `sqlite:./a.db` → `./a.db`; `sqlite:///abs/a.db` → `/abs/a.db`; `sqlite::memory:` → `:memory:`. */
export function sqlitePath(url: string): string {
  const rest = url.slice('sqlite:'.length);
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path.length === 0) {
    throw new InvalidArgumentError({
      argument: 'url',
      message: 'sqlite: needs a path, e.g. sqlite:./shop.db',
      value: url,
    });
  }
  return path;
}

/** Removes `schema=` from the URL's query (pg does not know it) and returns it. */
export function splitSchemaParameter(url: string): { connectionUrl: string; schema?: string } {
  const question = url.indexOf('?');
  if (question < 0) return { connectionUrl: url };
  const parameters = new URLSearchParams(url.slice(question + 1));
  const schema = parameters.get('schema') ?? undefined;
  parameters.delete('schema');
  const query = parameters.toString();
  return { connectionUrl: url.slice(0, question) + (query ? `?${query}` : ''), schema };
}
