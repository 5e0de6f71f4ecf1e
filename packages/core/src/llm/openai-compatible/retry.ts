import { abortedError } from '../adapter-errors';

/**
 * The wait the server asked for, in milliseconds: `retry-after-ms` (OpenAI), else `Retry-After`
 * as delta-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when absent or unparseable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with "equal jitter": the nominal delay `initial * 2^retry` (capped at `max`)
 * is scaled into [delay/2, delay] by `random()`.
 */
export function backoffDelay(retry: number, initialMs: number, maxMs: number, random: () => number): number {
  const nominal = Math.min(maxMs, initialMs * 2 ** retry);
  return Math.round(nominal / 2 + (nominal / 2) * random());
}

/** Waits `ms`, rejecting with an `aborted` AdapterError as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, adapter: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(adapter, signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(adapter, signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
