import { compareCodePoints } from '../../storage/code-point-order';
import type { EventQuery, Storage, StoredEvent } from '../../storage/storage';

export interface StorageConformanceOptions {
  /** A new, empty store; called once per test. */
  create: () => Storage | Promise<Storage>;
  /**
   * The `createStorage` URL of a new, empty, persistent store (a file path, a fresh schema).
   * Enables the reopen tests: a child Node process writes through `createStorage(url)` and is
   * killed, then this process reopens the URL and finds everything.
   */
  reopen?: () => string | Promise<string>;
  /** Disposes of a store after its test. Default: `close()`. */
  dispose?: (storage: Storage) => Promise<void>;
  /** Events in the large-batch test. Default 50,000. */
  largeBatch?: number;
}

/** What each group of conformance tests receives. */
export interface ConformanceContext {
  /** A fresh store, disposed of after the test. */
  open(): Promise<Storage>;
  options: StorageConformanceOptions;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

export async function scanIds(storage: Storage, query?: EventQuery): Promise<string[]> {
  return (await collect(storage.scanEvents(query))).map((event) => event.eventId);
}

/** The reference answer: filter and sort plainly, as the adapters must. */
export function expectedIds(events: readonly StoredEvent[], query: EventQuery = {}): string[] {
  const matching = events
    .filter(
      (event) =>
        (query.userId === undefined || event.userId === query.userId) &&
        (query.from === undefined || event.timestamp >= query.from) &&
        (query.to === undefined || event.timestamp < query.to) &&
        (query.types === undefined || query.types.includes(event.type)),
    )
    .sort((a, b) => a.timestamp - b.timestamp || compareCodePoints(a.eventId, b.eventId))
    .map((event) => event.eventId);
  return query.limit === undefined ? matching : matching.slice(0, query.limit);
}
