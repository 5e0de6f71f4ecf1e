export {
  isAbortError,
  type LongRunningOptions,
  type ProgressCallback,
  type ProgressEvent,
  throwIfAborted,
  yieldToEventLoop,
} from './progress';
