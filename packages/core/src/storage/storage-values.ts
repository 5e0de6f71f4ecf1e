import { AdapterError } from '../errors/adapter-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { BEHAVIOR_TYPES, type BehaviorType, type EventContext } from '../schema/behavior-event';
import type { ArtifactInfo, EventQuery, StoredEvent } from './storage';

/** JSON text of a state value or metadata; rejects what JSON cannot carry. */
export function encodeJson(value: unknown, argument: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new InvalidArgumentError({ argument, message: 'must be JSON-serialisable', cause: error });
  }
  if (text === undefined) {
    throw new InvalidArgumentError({
      argument,
      message:
        'must be JSON-serialisable (undefined, functions and symbols are not; use deleteState to remove)',
    });
  }
  return text;
}

/** Well-formed UTF-16 (so it has a UTF-8 form) and free of NUL, which PostgreSQL text cannot hold. */
export function isStorableString(value: string): boolean {
  return !value.includes('\u0000') && (value as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** A non-empty string without NUL: keys, artifact names, user ids. */
export function checkName(value: unknown, argument: string): string {
  if (typeof value !== 'string' || value.length === 0 || !isStorableString(value)) {
    throw new InvalidArgumentError({
      argument,
      message: 'must be a non-empty, well-formed Unicode string without NUL characters',
      value,
    });
  }
  return value;
}

/** A key prefix: any string without NUL (empty lists everything). */
export function checkPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || prefix.includes('\u0000')) {
    throw new InvalidArgumentError({
      argument: 'prefix',
      message: 'must be a string without NUL characters',
    });
  }
  return prefix;
}

/** Metadata of an artifact: a plain object (default `{}`). */
export function encodeMetadata(metadata: Record<string, unknown> | undefined): string {
  if (
    metadata !== undefined &&
    (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
  ) {
    throw new InvalidArgumentError({
      argument: 'metadata',
      message: 'must be a plain object',
      value: metadata,
    });
  }
  return encodeJson(metadata ?? {}, 'metadata');
}

export function checkBytes(data: unknown): Uint8Array {
  if (!(data instanceof Uint8Array)) {
    throw new InvalidArgumentError({ argument: 'data', message: 'must be a Uint8Array (or Buffer)' });
  }
  return data;
}

/** An optional integer option >= 1 with its default. */
export function positiveIntegerOption(value: number | undefined, fallback: number, argument: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError({ argument, message: 'must be an integer >= 1', value });
  }
  return value;
}

export function checkVersion(version: number | undefined): void {
  if (version !== undefined && (!Number.isInteger(version) || version < 1)) {
    throw new InvalidArgumentError({
      argument: 'version',
      message: 'must be an integer >= 1',
      value: version,
    });
  }
}

/** Validates an event query; returns it with defaults filled in (no bound = undefined). */
export function checkQuery(query: EventQuery = {}): EventQuery {
  const { userId, from, to, types, limit } = query;
  if (userId !== undefined) checkName(userId, 'query.userId');
  for (const [name, bound] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (bound !== undefined && (typeof bound !== 'number' || Number.isNaN(bound))) {
      throw new InvalidArgumentError({
        argument: `query.${name}`,
        message: 'must be a number (ms)',
        value: bound,
      });
    }
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new InvalidArgumentError({
      argument: 'query.limit',
      message: 'must be an integer >= 0',
      value: limit,
    });
  }
  if (types !== undefined) {
    const unknown = Array.isArray(types)
      ? types.find((type) => !BEHAVIOR_TYPES.includes(type as BehaviorType))
      : types;
    if (unknown !== undefined) {
      throw new InvalidArgumentError({
        argument: 'query.types',
        message: `must list behaviour types (${BEHAVIOR_TYPES.join(', ')})`,
        value: unknown,
      });
    }
  }
  return query;
}

/** A row of the SQL adapters' `events` table. */
export interface EventRow {
  event_id: string;
  user_id: string;
  item_id: string | null;
  type: string;
  ts: number | string;
  category_id: string | null;
  quantity: number | null;
  price: number | null;
  /** JSON text (SQLite) or the parsed object (PostgreSQL jsonb). */
  context: string | EventContext | null;
}

export const EVENT_COLUMNS = 'event_id, user_id, item_id, type, ts, category_id, quantity, price, context';

export function eventFromRow(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    eventId: row.event_id,
    userId: row.user_id,
    type: row.type as BehaviorType,
    timestamp: Number(row.ts),
  };
  if (row.item_id !== null) event.itemId = row.item_id;
  if (row.category_id !== null) event.categoryId = row.category_id;
  if (row.quantity !== null) event.quantity = row.quantity;
  if (row.price !== null) event.price = row.price;
  if (row.context !== null) {
    event.context = typeof row.context === 'string' ? (JSON.parse(row.context) as EventContext) : row.context;
  }
  return event;
}

/** A row of the SQL adapters' `artifacts` table (PostgreSQL returns bigint as text). */
export interface ArtifactRow {
  name: string;
  version: number;
  created_at: number | string;
  size: number;
  metadata: string;
  data?: Uint8Array;
}

export const ARTIFACT_INFO_COLUMNS = 'name, version, created_at, size, metadata';

export function artifactInfoFromRow(row: ArtifactRow): ArtifactInfo {
  return {
    name: row.name,
    version: Number(row.version),
    createdAt: Number(row.created_at),
    size: Number(row.size),
    metadata: JSON.parse(row.metadata),
  };
}

/** The error every call on a closed store rejects with. */
export function closedError(adapter: string): AdapterError {
  return new AdapterError({ adapter, reason: 'connection', message: 'the storage has been closed' });
}
