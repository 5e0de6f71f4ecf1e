import type { AdapterError } from '../../errors/adapter-error';

/** A key, or a function that returns one at call time (e.g. from a secret manager). */
export type ApiKeySource = string | (() => string | undefined | Promise<string | undefined>);

/** Reported before each retry (the library never logs; hook this to your logger). */
export interface RetryEvent {
  /** The attempt that is about to start (2 for the first retry). */
  attempt: number;
  /** How long the client waits before it. */
  delayMs: number;
  /** Whether the delay came from the server's `Retry-After` / `retry-after-ms` header. */
  fromRetryAfter: boolean;
  /** The failure that is being retried (its message never contains the API key). */
  error: AdapterError;
}

/** How to reach an OpenAI-compatible server; shared by the chat model and the embedder. */
export interface OpenAICompatibleConnectionOptions {
  /**
   * API root up to and including the version, e.g. `https://api.openai.com/v1`,
   * `https://api.deepseek.com/v1`, `https://dashscope.aliyuncs.com/compatible-mode/v1`,
   * `http://localhost:11434/v1` (Ollama), `http://localhost:8000/v1` (vLLM).
   */
  baseURL: string;
  /** The API key, or a function returning it; read at each call, never stored in results or errors. */
  apiKey?: ApiKeySource;
  /**
   * Name of an environment variable holding the key (e.g. `DEEPSEEK_API_KEY`), read at each call
   * when `apiKey` is not given; a call fails with `AdapterError` (reason `auth`) when it is unset.
   * With neither, no `Authorization` header is sent (local Ollama / vLLM).
   */
  apiKeyEnv?: string;
  /** Provider name reported in results and errors. Default `openai-compatible`. */
  provider?: string;
  /** Extra HTTP headers (e.g. an organisation or gateway header). */
  headers?: Record<string, string>;
  /** Per-attempt timeout covering the whole response, body included. Default 60 000 ms. */
  timeoutMs?: number;
  /** Retries after a 429, a 5xx, a timeout or a network error (never after other 4xx). Default 2. */
  maxRetries?: number;
  /** First backoff delay; doubles each retry, with jitter in [delay/2, delay]. Default 500 ms. */
  initialRetryDelayMs?: number;
  /**
   * Longest wait between attempts. A `Retry-After` longer than this fails the call at once (reason
   * `rate-limit`) instead of sleeping. Default 30 000 ms.
   */
  maxRetryDelayMs?: number;
  /**
   * Seed of the backoff jitter: each client draws its jitter from `createRng(retrySeed)`, so two
   * clients with the same seed that meet the same failures wait the same delays. Default 0. Give
   * each process its own seed (e.g. a worker index) when many share one server, so their retries
   * spread out.
   */
  retrySeed?: number;
  /** Source of jitter in [0, 1), replacing the seeded generator (tests). Default: `createRng(retrySeed).next`. */
  random?: () => number;
  /** Called before each retry. */
  onRetry?: (event: RetryEvent) => void;
  /** `fetch` to use (a proxy agent, a test double). Default the global `fetch`. */
  fetch?: typeof fetch;
}
