import {
  type EventQuery,
  type LongRunningOptions,
  type Storage,
  type StoredEvent,
  throwIfAborted,
  yieldToEventLoop,
} from '@shoppilot/core';
import { type EventTable, EventTableBuilder } from './event-table';
import { type Session, sessionsOf } from './sessions';

const REPORT_EVERY = 100_000;

/**
 * Streams events from any `Storage` (memory, SQLite, PostgreSQL) into a columnar table. Only
 * the columns are kept in memory, not the event objects.
 */
export async function eventTableFromStorage(
  storage: Storage,
  query: EventQuery = {},
  options: LongRunningOptions = {},
): Promise<EventTable> {
  const builder = new EventTableBuilder(16_384);
  for await (const event of storage.scanEvents(query)) {
    builder.push(event);
    if (builder.length % REPORT_EVERY === 0) {
      throwIfAborted(options.signal);
      options.onProgress?.({ stage: 'scan-events', completed: builder.length });
      await yieldToEventLoop();
    }
  }
  throwIfAborted(options.signal);
  options.onProgress?.({ stage: 'scan-events', completed: builder.length, total: builder.length });
  return builder.build();
}

export interface UserSequenceOptions extends LongRunningOptions {
  /** Only events strictly before this time (ms) are read. Default: all. */
  asOf?: number;
  /** Only events at or after this time (ms). Default: all. */
  from?: number;
  /** Inactivity gap that starts a new session, ms. Default 30 minutes. */
  sessionGapMs?: number;
}

/** One user's time-ordered events cut into sessions. */
export interface UserSequence {
  userId: string;
  events: StoredEvent[];
  sessions: Session[];
}

/**
 * Yields each user's time-ordered sequence and sessions, one user at a time (memory holds one
 * user's events), reading the storage through `listUsers` and per-user `scanEvents`.
 */
export async function* streamUserSequences(
  storage: Storage,
  options: UserSequenceOptions = {},
): AsyncGenerator<UserSequence> {
  let completed = 0;
  for await (const userId of storage.listUsers()) {
    throwIfAborted(options.signal);
    const events: StoredEvent[] = [];
    for await (const event of storage.scanEvents({ userId, from: options.from, to: options.asOf })) {
      events.push(event);
    }
    events.sort((a, b) => a.timestamp - b.timestamp);
    if (events.length === 0) continue;
    const sessions = sessionsOf(
      events.map((event) => event.timestamp),
      events.map((event) => event.context?.sessionId),
      options.sessionGapMs,
    );
    completed++;
    if (completed % 1000 === 0) options.onProgress?.({ stage: 'users', completed });
    yield { userId, events, sessions };
  }
}
