import { initTensorBackend } from '@shoppilot/core';
import { importOptional } from './optional-import';

/** One line of the doctor's report. */
export interface DoctorCheck {
  name: string;
  status: 'ok' | 'missing';
  /** A required check that is missing makes `shoppilot doctor` exit with 1. */
  required: boolean;
  /** What was found, or why it is missing. */
  detail: string;
}

function ok(name: string, detail: string, required = false): DoctorCheck {
  return { name, status: 'ok', required, detail };
}

function missing(name: string, detail: string, required = false): DoctorCheck {
  return { name, status: 'missing', required, detail };
}

function shortReason(message: string): string {
  return /Cannot find (package|module)/.test(message) ? 'not installed' : message.split('\n')[0];
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${message}${cause}`.split('\n')[0];
}

export function checkNode(): DoctorCheck {
  const major = Number(process.versions.node.split('.')[0]);
  const detail = `Node.js ${process.versions.node}`;
  return major >= 22
    ? ok('node', detail, true)
    : missing('node', `${detail}; ShopPilot needs Node.js 22 or newer`, true);
}

export async function checkTensorBackend(): Promise<DoctorCheck> {
  try {
    const info = await initTensorBackend();
    const tried = info.tried.map((attempt) => `${attempt.backend} (${shortReason(attempt.error)})`);
    return ok(
      'tensor-backend',
      `${info.backend}${tried.length ? `; not available: ${tried.join(', ')}` : ''}`,
      true,
    );
  } catch (error) {
    return missing('tensor-backend', reason(error), true);
  }
}

export async function checkOnnxRuntime(): Promise<DoctorCheck> {
  try {
    const module = (await importOptional('onnxruntime-node')) as {
      default?: unknown;
      InferenceSession?: unknown;
      env?: { versions?: Record<string, string> };
    };
    const runtime = (module.InferenceSession ? module : module.default) as typeof module | undefined;
    if (!runtime?.InferenceSession) return missing('onnxruntime-node', 'loaded, but has no InferenceSession');
    const version = runtime.env?.versions?.common ?? runtime.env?.versions?.node;
    return ok('onnxruntime-node', `loads${version ? ` (version ${version})` : ''}`);
  } catch (error) {
    return missing('onnxruntime-node', `not usable: ${reason(error)} (optional: pnpm add onnxruntime-node)`);
  }
}

export async function checkSqlite(): Promise<DoctorCheck> {
  try {
    const sqlite = (await import('node:sqlite')) as typeof import('node:sqlite');
    const database = new sqlite.DatabaseSync(':memory:');
    const row = database.prepare('select sqlite_version() as version').get() as { version: string };
    database.close();
    return ok('sqlite', `node:sqlite (SQLite ${row.version})`);
  } catch (error) {
    return missing('sqlite', `node:sqlite not usable: ${reason(error)}`);
  }
}

/** `host:port/database` of a URL, never its user or password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

export async function checkPostgres(url: string | undefined, timeoutMs: number): Promise<DoctorCheck> {
  if (!url) return missing('postgres', 'no URL: pass --pg-url or set SHOPPILOT_PG_URL');
  let pg: { default?: PgLike; Client?: PgLike['Client'] };
  try {
    pg = (await importOptional('pg')) as typeof pg;
  } catch (error) {
    return missing('postgres', `the optional package "pg" is not installed (${reason(error)})`, true);
  }
  const Client = pg.Client ?? pg.default?.Client;
  if (!Client) return missing('postgres', 'the "pg" module has no Client', true);
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on?.('error', () => {});
  try {
    await client.connect();
    const result = await client.query('select version() as version');
    const version = String(result.rows[0]?.version ?? '').split(' on ')[0];
    return ok('postgres', `${redactUrl(url)} answers: ${version}`, true);
  } catch (error) {
    return missing('postgres', `${redactUrl(url)} does not answer: ${reason(error)}`, true);
  } finally {
    await client.end().catch(() => {});
  }
}

interface PgLike {
  Client: new (
    config: Record<string, unknown>,
  ) => {
    connect(): Promise<void>;
    query(text: string): Promise<{ rows: Array<Record<string, unknown>> }>;
    end(): Promise<void>;
    on?(event: 'error', listener: (error: Error) => void): unknown;
  };
}

export async function checkLlm(
  url: string | undefined,
  apiKey: string | undefined,
  timeoutMs: number,
): Promise<DoctorCheck> {
  if (!url)
    return missing(
      'llm',
      'no URL: pass --llm-url or set SHOPPILOT_LLM_URL (an OpenAI-compatible base URL ending in /v1)',
    );
  const endpoint = `${url.replace(/\/+$/, '')}/models`;
  try {
    const response = await fetch(endpoint, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      return missing(
        'llm',
        `${redactUrl(endpoint)} answered HTTP ${response.status} ${response.statusText}`.trim(),
        true,
      );
    }
    const body = (await response.json().catch(() => undefined)) as
      | { data?: Array<{ id?: unknown }> }
      | undefined;
    if (!Array.isArray(body?.data))
      return missing('llm', `${redactUrl(endpoint)} did not return an OpenAI-style model list`, true);
    const ids = body.data.map((model) => String(model.id)).slice(0, 5);
    const more = body.data.length > ids.length ? ', …' : '';
    return ok(
      'llm',
      `${redactUrl(endpoint)} answers: ${body.data.length} model(s)${ids.length ? ` (${ids.join(', ')}${more})` : ''}`,
      true,
    );
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return missing(
      'llm',
      `${redactUrl(endpoint)} ${timedOut ? `did not answer within ${timeoutMs} ms` : `is not reachable: ${reason(error)}`}`,
      true,
    );
  }
}
