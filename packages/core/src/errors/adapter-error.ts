import { errorMarker, ShopPilotError } from './shoppilot-error';

const { marker, symbol } = errorMarker('AdapterError');

export type AdapterErrorReason =
  | 'auth'
  | 'rate-limit'
  | 'server'
  | 'timeout'
  | 'network'
  | 'invalid-response'
  | 'bad-request'
  | 'aborted'
  | 'connection';

/** A call to an external system (LLM endpoint, database, remote process) failed. */
export class AdapterError extends ShopPilotError {
  readonly [symbol] = true;
  /** The adapter, e.g. `openai-compatible:deepseek-chat` or `postgres`. */
  readonly adapter: string;
  readonly reason: AdapterErrorReason;
  /** HTTP status code where there was one. */
  readonly statusCode?: number;
  /** Whether retrying the same call may succeed. */
  readonly retryable: boolean;

  constructor({
    adapter,
    reason,
    message,
    statusCode,
    retryable = false,
    cause,
  }: {
    adapter: string;
    reason: AdapterErrorReason;
    message: string;
    statusCode?: number;
    retryable?: boolean;
    cause?: unknown;
  }) {
    super({ message: `${adapter}: ${message}`, cause });
    this.name = 'AdapterError';
    this.adapter = adapter;
    this.reason = reason;
    this.statusCode = statusCode;
    this.retryable = retryable;
  }

  static override isInstance(error: unknown): error is AdapterError {
    return ShopPilotError.hasMarker(error, marker);
  }
}
