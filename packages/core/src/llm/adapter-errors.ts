import { AdapterError, type AdapterErrorReason } from '../errors/adapter-error';

/** The `AdapterError` for a call the caller cancelled (never retried, never falls back). */
export function abortedError(adapter: string, signal: AbortSignal | undefined): AdapterError {
  return new AdapterError({
    adapter,
    reason: 'aborted',
    message: 'the call was aborted by the caller',
    cause: signal?.reason,
  });
}

/** Throws `abortedError` when `signal` is aborted. */
export function throwIfCallerAborted(adapter: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(adapter, signal);
}

/** Maps an HTTP status to a reason and whether retrying may help (429 and 5xx). */
export function classifyStatus(status: number): { reason: AdapterErrorReason; retryable: boolean } {
  if (status === 401 || status === 403) return { reason: 'auth', retryable: false };
  if (status === 429) return { reason: 'rate-limit', retryable: true };
  if (status === 408) return { reason: 'timeout', retryable: true };
  if (status >= 500) return { reason: 'server', retryable: true };
  return { reason: 'bad-request', retryable: false };
}

/** True when a fallback chain (or a retry loop) may try again after `error`. */
export function isRetryableError(error: unknown): boolean {
  return AdapterError.isInstance(error) && error.retryable;
}

/** True when `error` is an `AdapterError` for a caller's abort. */
export function isCallerAbort(error: unknown): boolean {
  return AdapterError.isInstance(error) && error.reason === 'aborted';
}
