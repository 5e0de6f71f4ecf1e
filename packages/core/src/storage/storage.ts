import type { LongRunningOptions } from '../progress/progress';
import type { BehaviorEvent, BehaviorType } from '../schema/behavior-event';

/** Which events to scan. Time bounds are milliseconds since the epoch: `from` inclusive, `to` exclusive. */
export interface EventQuery {
  /** Only this user's events. Default: every user. */
  userId?: string;
  /** Inclusive lower time bound. Default: no bound. */
  from?: number;
  /** Exclusive upper time bound. Default: no bound. */
  to?: number;
  /** Only these behaviour types. Default: every type. */
  types?: readonly BehaviorType[];
  /** Maximum events to return. Default: no limit. */
  limit?: number;
}

/** A stored event always has an id (given, or derived from its content). */
export type StoredEvent = BehaviorEvent & { eventId: string };

export interface AppendResult {
  /** Events newly written. */
  inserted: number;
  /** Events whose id was already stored, or repeated within the batch (re-append is idempotent). */
  duplicates: number;
}

/** Options of `appendEvents`: progress (stage `append`, counted in events) and cancellation. */
export interface AppendOptions extends LongRunningOptions {}

export interface StateOptions {
  /** The user this value belongs to, so that `deleteUser` removes it too. Default: none. */
  userId?: string;
}

export interface ArtifactInfo {
  name: string;
  /** 1, 2, 3… per name. */
  version: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Bytes. */
  size: number;
  metadata: Record<string, unknown>;
}

export interface Artifact {
  info: ArtifactInfo;
  data: Uint8Array;
}

export interface PutArtifactOptions extends StateOptions {
  /** JSON-serialisable description (metrics, options, data range…). Default `{}`. */
  metadata?: Record<string, unknown>;
}

export interface DeleteUserReport {
  userId: string;
  /** Events removed. */
  events: number;
  /** State entries removed (those written with this `userId`). */
  stateKeys: number;
  /** Artifact versions removed (those written with this `userId`). */
  artifacts: number;
}

/**
 * One storage interface for events, key-value state and versioned model artifacts.
 * Adapters: memory, SQLite (`node:sqlite`, the embedded default) and PostgreSQL (`pg`).
 *
 * - Events are validated at `appendEvents` (a bad event rejects the whole call before anything is
 *   written); an event without `eventId` gets one derived from its content, so re-appending the
 *   same data is a no-op. Scans run in (timestamp, eventId) order and stream.
 * - State values and artifact metadata are stored as JSON: what comes back is what
 *   `JSON.parse(JSON.stringify(value))` gives.
 * - Strings compare by Unicode code point everywhere (keys, user ids, event ids).
 */
export interface Storage {
  /** `memory`, `sqlite` or `postgres`. */
  readonly kind: string;
  appendEvents(events: readonly BehaviorEvent[], options?: AppendOptions): Promise<AppendResult>;
  scanEvents(query?: EventQuery): AsyncIterable<StoredEvent>;
  countEvents(query?: EventQuery): Promise<number>;
  /** Distinct user ids with at least one event, sorted. */
  listUsers(): AsyncIterable<string>;

  /** The value stored under `key`, or `undefined`. */
  getState<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores a JSON-serialisable value (replacing any earlier value and its user tag). */
  setState(key: string, value: unknown, options?: StateOptions): Promise<void>;
  /** Whether a value was there to delete. */
  deleteState(key: string): Promise<boolean>;
  /** Entries whose key starts with `prefix` (no wildcards), sorted by key. */
  listState<T = unknown>(prefix: string): Promise<Array<{ key: string; value: T }>>;

  /** Stores the next version (1, 2, 3…) of the named artifact. */
  putArtifact(name: string, data: Uint8Array, options?: PutArtifactOptions): Promise<ArtifactInfo>;
  /** The given version, or the latest when omitted; `undefined` when absent. */
  getArtifact(name: string, version?: number): Promise<Artifact | undefined>;
  /** Every stored version of the name, oldest first. */
  listArtifactVersions(name: string): Promise<ArtifactInfo[]>;

  /** Removes every event, state entry and artifact of the user (privacy / erasure requests). */
  deleteUser(userId: string): Promise<DeleteUserReport>;
  /** Releases the connection or file. Idempotent; other calls afterwards reject. */
  close(): Promise<void>;
}
