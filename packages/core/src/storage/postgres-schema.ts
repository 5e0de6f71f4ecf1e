import { AdapterError } from '../errors/adapter-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { inPgTransaction, type PgPool } from './postgres-connection';

/**
 * Schema migrations of the PostgreSQL store; `$schema` stands for the quoted schema name. Version N
 * is `POSTGRES_MIGRATIONS[N - 1]`, recorded in `<schema>.schema_version`. Text keys use the "C"
 * collation so every adapter orders strings by code point.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `CREATE TABLE $schema.events (
     event_id text COLLATE "C" NOT NULL PRIMARY KEY, user_id text COLLATE "C" NOT NULL, item_id text,
     type text NOT NULL, ts bigint NOT NULL, category_id text, quantity float8, price float8, context jsonb);
   CREATE INDEX events_user_ts ON $schema.events (user_id, ts, event_id);
   CREATE INDEX events_ts ON $schema.events (ts, event_id);
   CREATE TABLE $schema.state (key text COLLATE "C" PRIMARY KEY, value text NOT NULL, user_id text COLLATE "C");
   CREATE INDEX state_user ON $schema.state (user_id) WHERE user_id IS NOT NULL;
   CREATE TABLE $schema.artifacts (
     name text COLLATE "C" NOT NULL, version integer NOT NULL, created_at bigint NOT NULL, size integer NOT NULL,
     metadata text NOT NULL, data bytea NOT NULL, user_id text COLLATE "C", PRIMARY KEY (name, version));
   CREATE INDEX artifacts_user ON $schema.artifacts (user_id) WHERE user_id IS NOT NULL;`,
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length;

/**
 * The per-user index of a schema (quoted name), as migration 1 creates it. `PostgresStorage.bulkLoad`
 * drops it while loading and builds it once at the end; every open recreates it when missing.
 */
export function postgresUserIndexSql(quoted: string): { drop: string; create: string } {
  return {
    drop: `DROP INDEX IF EXISTS ${quoted}.events_user_ts`,
    create: `CREATE INDEX IF NOT EXISTS events_user_ts ON ${quoted}.events (user_id, ts, event_id)`,
  };
}

/** Lower-case identifier rules; the name is quoted in SQL (identifiers cannot be parameters). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Validates a schema name and returns it quoted. */
export function quoteSchema(schema: string): string {
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    throw new InvalidArgumentError({
      argument: 'schema',
      message:
        'must be a lower-case SQL identifier: a-z, 0-9 and _, not starting with a digit, at most 63 characters',
      value: schema,
    });
  }
  return `"${schema}"`;
}

/**
 * Creates the schema and its tables, or upgrades them, in one transaction under an advisory lock
 * (so parallel openers of the same schema do not race).
 */
export async function migratePostgres(pool: PgPool, schema: string): Promise<number> {
  const quoted = quoteSchema(schema);
  return inPgTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`shoppilot-schema:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.schema_version (version integer PRIMARY KEY, applied_at bigint NOT NULL)`,
    );
    const { rows } = await client.query<{ version: number }>(
      `SELECT coalesce(max(version), 0)::int AS version FROM ${quoted}.schema_version`,
    );
    const current = rows[0]?.version ?? 0;
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new AdapterError({
        adapter: 'postgres',
        reason: 'bad-request',
        message: `schema "${schema}" has version ${current}, newer than this library's ${POSTGRES_SCHEMA_VERSION}; upgrade @shoppilot/core`,
      });
    }
    for (let version = current + 1; version <= POSTGRES_SCHEMA_VERSION; version++) {
      await client.query(POSTGRES_MIGRATIONS[version - 1].replaceAll('$schema', quoted));
      await client.query(`INSERT INTO ${quoted}.schema_version (version, applied_at) VALUES ($1, $2)`, [
        version,
        Date.now(),
      ]);
    }
    await client.query(postgresUserIndexSql(quoted).create);
    return POSTGRES_SCHEMA_VERSION;
  });
}
