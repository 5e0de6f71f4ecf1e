/** One progress report from a long-running call. */
export interface ProgressEvent {
  /** What is running, e.g. `ingest`, `epoch`, `backtest-window`. */
  stage: string;
  /** Units of work done so far. */
  completed: number;
  /** Total units of work, when known. */
  total?: number;
  /** A short human-readable status line. */
  message?: string;
  /** Numbers worth showing, e.g. `{ loss: 0.42, valLoss: 0.47 }`. */
  metrics?: Record<string, number>;
}

export type ProgressCallback = (event: ProgressEvent) => void;

/** The options every long-running call accepts. */
export interface LongRunningOptions {
  /** Called as work progresses. Never required; errors it throws propagate. */
  onProgress?: ProgressCallback;
  /** Cancels the work; the call rejects with the signal's reason (an `AbortError` by default). */
  signal?: AbortSignal;
}

/** Throws the signal's reason when it has been aborted. Call it between units of work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}

/** Yields to the event loop so timers and abort signals can fire during a long synchronous loop. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** True when an error is the rejection of an aborted signal. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
