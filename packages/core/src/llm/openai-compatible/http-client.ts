import { AdapterError, type AdapterErrorReason } from '../../errors/adapter-error';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { createRng } from '../../random/rng';
import { classifyStatus, throwIfCallerAborted } from '../adapter-errors';
import { redactSecrets, resolveApiKey } from './api-key';
import type { OpenAICompatibleConnectionOptions } from './connection-options';
import { backoffDelay, parseRetryAfter, sleep } from './retry';

interface Failure {
  reason: AdapterErrorReason;
  retryable: boolean;
  message: string;
  statusCode?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

type AttemptResult = { ok: true; value: unknown } | { ok: false; failure: Failure };

/** POSTs JSON to an OpenAI-compatible server with timeouts, retries and typed failures. */
export class OpenAICompatibleHttpClient {
  readonly adapter: string;
  readonly baseURL: string;
  readonly #options: OpenAICompatibleConnectionOptions;
  /** Jitter in [0, 1): the injected source, else a generator seeded with `retrySeed` (default 0). */
  readonly #random: () => number;

  constructor(options: OpenAICompatibleConnectionOptions, adapter: string) {
    this.#options = options;
    this.adapter = adapter;
    this.baseURL = checkBaseURL(options.baseURL);
    for (const key of ['timeoutMs', 'maxRetries', 'initialRetryDelayMs', 'maxRetryDelayMs'] as const) {
      const value = options[key];
      if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
        throw new InvalidArgumentError({ argument: key, message: 'must be a finite number >= 0', value });
      }
    }
    if (options.retrySeed !== undefined && !Number.isFinite(options.retrySeed)) {
      throw new InvalidArgumentError({
        argument: 'retrySeed',
        message: 'must be a finite number',
        value: options.retrySeed,
      });
    }
    if (options.random) {
      this.#random = options.random;
    } else {
      const rng = createRng(options.retrySeed ?? 0);
      this.#random = () => rng.next();
    }
  }

  /**
   * POSTs `body` to `baseURL + path` and returns the parsed JSON. Throws `AdapterError`:
   * auth (401/403), rate-limit (429), server (5xx), timeout, network, bad-request (other 4xx),
   * invalid-response (a 2xx body that is not JSON), aborted (the caller's signal).
   */
  async postJson(path: string, body: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    const { maxRetries = 2, initialRetryDelayMs = 500, maxRetryDelayMs = 30_000 } = this.#options;
    throwIfCallerAborted(this.adapter, signal);
    const apiKey = await resolveApiKey(this.#options.apiKey, this.#options.apiKeyEnv, this.adapter);
    for (let attempt = 1; ; attempt++) {
      const result = await this.#attempt(path, body, signal, apiKey);
      if (result.ok) return result.value;
      const { failure } = result;
      const error = this.#toError(failure, attempt);
      if (!failure.retryable || attempt > maxRetries) throw error;
      const fromRetryAfter = failure.retryAfterMs !== undefined;
      const delayMs =
        failure.retryAfterMs ?? backoffDelay(attempt - 1, initialRetryDelayMs, maxRetryDelayMs, this.#random);
      if (delayMs > maxRetryDelayMs) {
        failure.message += ` (the server asked to wait ${Math.ceil(delayMs / 1000)} s, more than maxRetryDelayMs)`;
        throw this.#toError(failure, attempt);
      }
      this.#options.onRetry?.({ attempt: attempt + 1, delayMs, fromRetryAfter, error });
      await sleep(delayMs, signal, this.adapter);
    }
  }

  async #attempt(
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    apiKey: string | undefined,
  ): Promise<AttemptResult> {
    const timeout = AbortSignal.timeout(this.#options.timeoutMs ?? 60_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const fetchImpl = this.#options.fetch ?? fetch;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(`${this.baseURL}${path}`, {
        method: 'POST',
        headers: this.#headers(apiKey),
        body: JSON.stringify(body),
        signal: combined,
      });
      text = await response.text();
    } catch (error) {
      return {
        ok: false,
        failure: thrownFailure(error, signal, timeout, this.#options.timeoutMs ?? 60_000, apiKey),
      };
    }
    if (!response.ok) return { ok: false, failure: statusFailure(response, text, path, apiKey) };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      const snippet = redactSecrets(text.slice(0, 120), apiKey);
      return {
        ok: false,
        failure: {
          reason: 'invalid-response',
          retryable: false,
          statusCode: response.status,
          message: `the response body of POST ${path} is not JSON: ${JSON.stringify(snippet)}`,
          cause: error,
        },
      };
    }
  }

  #headers(apiKey: string | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/json',
    };
    Object.assign(headers, this.#options.headers);
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    return headers;
  }

  #toError(failure: Failure, attempts: number): AdapterError {
    const suffix = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    return new AdapterError({
      adapter: this.adapter,
      reason: failure.reason,
      message: `${failure.message}${suffix}`,
      statusCode: failure.statusCode,
      retryable: failure.retryable,
      cause: failure.cause,
    });
  }

  toJSON(): { adapter: string; baseURL: string } {
    return { adapter: this.adapter, baseURL: this.baseURL };
  }
}

function thrownFailure(
  error: unknown,
  caller: AbortSignal | undefined,
  timeout: AbortSignal,
  timeoutMs: number,
  apiKey: string | undefined,
): Failure {
  if (caller?.aborted)
    return {
      reason: 'aborted',
      retryable: false,
      message: 'the call was aborted by the caller',
      cause: caller.reason,
    };
  if (timeout.aborted)
    return { reason: 'timeout', retryable: true, message: `no complete response within ${timeoutMs} ms` };
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  const raw = error instanceof Error ? error.message : String(error);
  const detail = redactSecrets(raw, apiKey);
  // A fetch error that quotes the key (e.g. an invalid header value) must not travel as `cause`.
  const cause = detail === raw ? error : undefined;
  return {
    reason: 'network',
    retryable: true,
    message: `request failed: ${detail}${code ? ` (${code})` : ''}`,
    cause,
  };
}

function statusFailure(response: Response, text: string, path: string, apiKey: string | undefined): Failure {
  const { reason, retryable } = classifyStatus(response.status);
  const detail = redactSecrets(serverMessage(text), apiKey);
  return {
    reason,
    retryable,
    statusCode: response.status,
    retryAfterMs: retryable ? parseRetryAfter(response.headers) : undefined,
    message: `HTTP ${response.status} from POST ${path}${detail ? `: ${detail}` : ''}`,
  };
}

/** The `error.message` of an OpenAI-style error body, else the start of the body. */
function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim().slice(0, 200);
}

function checkBaseURL(baseURL: string): string {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new InvalidArgumentError({
      argument: 'baseURL',
      message: 'must be an absolute http(s) URL',
      value: baseURL,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError({
      argument: 'baseURL',
      message: 'must use http or https',
      value: baseURL,
    });
  }
  return baseURL.replace(/\/+$/, '');
}
