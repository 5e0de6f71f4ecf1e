import { AdapterError } from '../errors/adapter-error';
import { MissingDependencyError } from '../errors/missing-dependency-error';
import { ShopPilotError } from '../errors/shoppilot-error';

/** The parts of `pg` this adapter uses (kept local so core's types never require `@types/pg`). */
export interface PgQueryResult<R> {
  rows: R[];
  rowCount: number | null;
}

export interface PgQueryable {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<PgQueryResult<R>>;
}

export interface PgClient extends PgQueryable {
  release(error?: Error | boolean): void;
}

export interface PgPool extends PgQueryable {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PgModule {
  Pool: new (config: Record<string, unknown>) => PgPool;
}

/**
 * Loads the optional peer `pg` on first use. Throws `MissingDependencyError` when it is not
 * installed. `importer` is replaceable for tests.
 */
export async function loadPg(importer: () => Promise<unknown> = () => import('pg')): Promise<PgModule> {
  let loaded: unknown;
  try {
    loaded = await importer();
  } catch (error) {
    const code = (error as { code?: string })?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new MissingDependencyError({ packageName: 'pg', feature: 'PostgreSQL storage', cause: error });
    }
    throw error;
  }
  const module = loaded as { default?: PgModule } & Partial<PgModule>;
  const pg = module.default?.Pool ? module.default : module;
  if (typeof pg.Pool !== 'function') {
    throw new AdapterError({
      adapter: 'postgres',
      reason: 'connection',
      message: 'the "pg" module has no Pool',
    });
  }
  return pg as PgModule;
}

/** `host:port/database` of a connection URL, never its user or password. */
export function describePgTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
]);

/** Wraps driver and server errors as `AdapterError` with a reason; ShopPilot errors pass. */
export function pgError(error: unknown, action: string): Error {
  if (ShopPilotError.isInstance(error)) return error;
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  let reason: AdapterError['reason'] = 'server';
  let retryable = false;
  if (
    CONNECTION_CODES.has(code) ||
    code.startsWith('08') ||
    code === '57P01' ||
    /timeout|terminated/i.test(message)
  ) {
    reason = 'connection';
    retryable = true;
  } else if (code.startsWith('28')) {
    reason = 'auth';
  } else if (code === '40001' || code === '40P01') {
    retryable = true;
  } else if (code.startsWith('22') || code.startsWith('42')) {
    reason = 'bad-request';
  }
  return new AdapterError({
    adapter: 'postgres',
    reason,
    retryable,
    message: `${action} failed: ${message}`,
    cause: error,
  });
}

/** Runs `work` in a transaction on one pooled client. */
export async function inPgTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A client whose ROLLBACK fails is unusable: release(true) closes it instead of pooling it.
    broken = await client.query('ROLLBACK').then(
      () => false,
      () => true,
    );
    throw error;
  } finally {
    client.release(broken);
  }
}
