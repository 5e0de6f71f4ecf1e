import { randomBytes } from 'node:crypto';

export interface PostgresTestEnv {
  /** `SHOPPILOT_PG_URL`, when set. */
  url?: string;
  /** `SHOPPILOT_REQUIRE_PG=1`: a missing URL or an unreachable server must fail, never skip. */
  required: boolean;
  /** Why PostgreSQL tests do not run here, when they do not. */
  skipReason?: string;
}

/**
 * Where PostgreSQL tests connect. Tests skip (with `skipReason`) only when `SHOPPILOT_PG_URL` is
 * unset and `SHOPPILOT_REQUIRE_PG` is not `1`; CI sets both (see `.ci/run`).
 */
export function postgresTestEnv(env: NodeJS.ProcessEnv = process.env): PostgresTestEnv {
  const url = env.SHOPPILOT_PG_URL?.trim() || undefined;
  const required = env.SHOPPILOT_REQUIRE_PG === '1';
  if (url) return { url, required };
  return {
    required,
    skipReason: required
      ? undefined
      : 'SHOPPILOT_PG_URL is not set (e.g. postgres://shoppilot:shoppilot@127.0.0.1:5432/shoppilot_test)',
  };
}

/** A schema name no other test file or process uses: `{prefix}_{pid}_{random}`. */
export function uniqueSchemaName(prefix = 'sp_test'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
}

/** The connection URL with `?schema=` (or `&schema=`) added, as `createStorage` reads it. */
export function withSchema(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}schema=${encodeURIComponent(schema)}`;
}
