import { BEHAVIOR_TYPES, type BehaviorType, type EventContext } from '../schema/behavior-event';
import { deriveEventId } from './event-id';
import type { StoredEvent } from './storage';
import { isStorableString } from './storage-values';

const TYPES: ReadonlySet<string> = new Set(BEHAVIOR_TYPES);
const MAX_TIMESTAMP = 8.64e15;

/**
 * The stored form of a well-formed event, checked by hand: what `behaviorEventSchema` followed by
 * the storable-string check and normalisation gives (unknown keys and undefined fields dropped, an
 * empty context dropped, the id given or derived) — or `undefined` when anything is off, and the
 * caller then runs the zod schema, which decides and words the error. It never accepts an event
 * the schema rejects; it may decline one the schema accepts (zod then handles it).
 *
 * Validation through zod cost about 2 µs per event and its output needed a second pass; this
 * costs a few hundred ns.
 */
export function parseEventFast(input: unknown): StoredEvent | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const event = input as Record<string, unknown>;
  const { eventId, userId, itemId, type, timestamp, categoryId, quantity, price, context } = event;
  if (!isName(userId) || typeof type !== 'string' || !TYPES.has(type)) return undefined;
  if (typeof timestamp !== 'number' || !Number.isInteger(timestamp)) return undefined;
  if (!(timestamp >= 0 && timestamp <= MAX_TIMESTAMP)) return undefined;
  if (!optionalName(eventId) || !optionalName(itemId) || !optionalName(categoryId)) return undefined;
  if (quantity !== undefined && !(typeof quantity === 'number' && Number.isFinite(quantity)))
    return undefined;
  if (price !== undefined && !(typeof price === 'number' && Number.isFinite(price) && price >= 0))
    return undefined;
  let stored: EventContext | undefined;
  if (context !== undefined) {
    const parsed = parseContextFast(context);
    if (parsed === null) return undefined;
    stored = parsed;
  }
  const result = { eventId: '', userId, type: type as BehaviorType, timestamp } as StoredEvent;
  if (itemId !== undefined) result.itemId = itemId;
  if (categoryId !== undefined) result.categoryId = categoryId;
  if (quantity !== undefined) result.quantity = quantity;
  if (price !== undefined) result.price = price;
  if (stored !== undefined) result.context = stored;
  result.eventId = eventId === undefined ? deriveEventId(result) : eventId;
  return result;
}

/** A fresh context with the known, defined keys; `undefined` when empty; `null` when invalid. */
function parseContextFast(input: unknown): EventContext | undefined | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const { device, platform, geo, channel, sessionId, dwellMs, promo, discount } = input as Record<
    string,
    unknown
  >;
  if (!optionalName(device) || !optionalName(platform) || !optionalName(geo)) return null;
  if (!optionalName(channel) || !optionalName(sessionId)) return null;
  if (!optionalNumber(dwellMs, 0, Number.POSITIVE_INFINITY) || !optionalNumber(discount, 0, 1)) return null;
  if (promo !== undefined && typeof promo !== 'boolean') return null;
  // Keys in sorted order: the derived id's canonical form then serialises this object as it is.
  const context: EventContext = {};
  if (channel !== undefined) context.channel = channel;
  if (device !== undefined) context.device = device;
  if (discount !== undefined) context.discount = discount;
  if (dwellMs !== undefined) context.dwellMs = dwellMs;
  if (geo !== undefined) context.geo = geo;
  if (platform !== undefined) context.platform = platform;
  if (promo !== undefined) context.promo = promo;
  if (sessionId !== undefined) context.sessionId = sessionId;
  for (const _ in context) return context;
  return undefined;
}

/** Undefined, or a finite number in [min, max]. */
function optionalNumber(value: unknown, min: number, max: number): value is number | undefined {
  return (
    value === undefined ||
    (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max)
  );
}

/** A non-empty string every adapter can store (no NUL, no lone surrogate). */
function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && isStorableString(value);
}

function optionalName(value: unknown): value is string | undefined {
  return value === undefined || isName(value);
}
