import type { BehaviorEvent } from '../schema/behavior-event';

/** Which events to scan. Time bounds are milliseconds since the epoch: `from` inclusive, `to` exclusive. */
export interface EventQuery {
  userId?: string;
  from?: number;
  to?: number;
  types?: readonly BehaviorEvent['type'][];
  /** Maximum events to return. */
  limit?: number;
}

/** A stored event always has an id (given, or derived from its content). */
export type StoredEvent = BehaviorEvent & { eventId: string };

export interface AppendResult {
  /** Events newly written. */
  inserted: number;
  /** Events whose id was already stored (re-append is idempotent). */
  duplicates: number;
}

export interface StateOptions {
  /** The user this value belongs to, so that `deleteUser` removes it too. */
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
  metadata?: Record<string, unknown>;
}

export interface DeleteUserReport {
  userId: string;
  events: number;
  stateKeys: number;
  artifacts: number;
}

/**
 * One storage interface for events, key-value state and versioned model artifacts.
 * Adapters: memory, SQLite (`node:sqlite`, the embedded default) and PostgreSQL (`pg`).
 * Events scan in (timestamp, eventId) order.
 */
export interface Storage {
  /** `memory`, `sqlite` or `postgres`. */
  readonly kind: string;
  appendEvents(events: readonly BehaviorEvent[], options?: { signal?: AbortSignal }): Promise<AppendResult>;
  scanEvents(query?: EventQuery): AsyncIterable<StoredEvent>;
  countEvents(query?: EventQuery): Promise<number>;
  /** Distinct user ids, sorted. */
  listUsers(): AsyncIterable<string>;

  getState<T = unknown>(key: string): Promise<T | undefined>;
  setState(key: string, value: unknown, options?: StateOptions): Promise<void>;
  deleteState(key: string): Promise<boolean>;
  /** Entries whose key starts with `prefix`, sorted by key. */
  listState<T = unknown>(prefix: string): Promise<Array<{ key: string; value: T }>>;

  putArtifact(name: string, data: Uint8Array, options?: PutArtifactOptions): Promise<ArtifactInfo>;
  /** The given version, or the latest when omitted; `undefined` when absent. */
  getArtifact(name: string, version?: number): Promise<Artifact | undefined>;
  listArtifactVersions(name: string): Promise<ArtifactInfo[]>;

  /** Removes every event, state entry and artifact of the user (privacy / erasure requests). */
  deleteUser(userId: string): Promise<DeleteUserReport>;
  close(): Promise<void>;
}
