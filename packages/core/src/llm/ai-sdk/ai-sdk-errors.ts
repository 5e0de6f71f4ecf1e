import { AdapterError } from '../../errors/adapter-error';
import { abortedError, classifyStatus } from '../adapter-errors';
import { redactSecrets } from '../openai-compatible/api-key';

/**
 * Maps what an AI SDK model threw to an `AdapterError`: `APICallError`'s `statusCode` and
 * `isRetryable` decide the reason and retryability; aborts and timeouts are recognised by name;
 * JSON/type validation errors are `invalid-response`; anything else is `server`.
 */
export function fromAiSdkError(
  error: unknown,
  adapter: string,
  signal: AbortSignal | undefined,
): AdapterError {
  if (AdapterError.isInstance(error)) return error;
  if (signal?.aborted) return abortedError(adapter, signal);
  const info = (error ?? {}) as {
    name?: unknown;
    message?: unknown;
    statusCode?: unknown;
    isRetryable?: unknown;
  };
  const name = typeof info.name === 'string' ? info.name : 'Error';
  const message = redactSecrets(
    `${name}: ${typeof info.message === 'string' ? info.message : String(error)}`,
    undefined,
  );
  const retryableFlag = typeof info.isRetryable === 'boolean' ? info.isRetryable : undefined;
  if (typeof info.statusCode === 'number') {
    const { reason, retryable } = classifyStatus(info.statusCode);
    return new AdapterError({
      adapter,
      reason,
      message,
      statusCode: info.statusCode,
      retryable: retryableFlag ?? retryable,
      cause: error,
    });
  }
  if (name === 'AbortError') return new AdapterError({ adapter, reason: 'aborted', message, cause: error });
  if (name === 'TimeoutError')
    return new AdapterError({ adapter, reason: 'timeout', message, retryable: true, cause: error });
  if (/JSONParse|TypeValidation|InvalidResponse|NoContentGenerated/i.test(name)) {
    return new AdapterError({ adapter, reason: 'invalid-response', message, cause: error });
  }
  return new AdapterError({
    adapter,
    reason: 'server',
    message,
    retryable: retryableFlag ?? false,
    cause: error,
  });
}
