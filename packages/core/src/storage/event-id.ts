import { hash } from 'node:crypto';
import type { BehaviorEvent, EventContext } from '../schema/behavior-event';

/**
 * A stable id for an event that has none: 14 hex digits of the timestamp, `-`, then the first 24 hex
 * digits (96 bits) of the SHA-256 of the event's canonical content
 * `JSON.stringify([userId, itemId, type, timestamp, quantity, price, context])` (absent fields as
 * `null`, context keys sorted, an empty context as `null`).
 *
 * The same occurrence therefore always gets the same id, so re-appending a file is a no-op; ids
 * sort by time, which keeps index inserts local when data arrives in time order. `eventId` and
 * `categoryId` are not part of the content (the category describes the item, not the occurrence).
 */
export function deriveEventId(event: BehaviorEvent): string {
  // One JSON.stringify of the array gives the canonical text as one flat string: a template of
  // pieces is a rope that the hash first has to walk, which cost twice the hashing itself.
  const content = JSON.stringify([
    event.userId,
    event.itemId ?? null,
    event.type,
    event.timestamp,
    event.quantity ?? null,
    event.price ?? null,
    canonicalContext(event.context),
  ]);
  return timestampHex(event.timestamp) + hash('sha256', content, 'hex').slice(0, 24);
}

let lastHigh = -1;
let lastHighHex = '';
/** `xxx-` for the low 12 bits: 4,096 entries, built once. */
const LOW_HEX = Array.from({ length: 4096 }, (_, low) => `${low.toString(16).padStart(3, '0')}-`);

/**
 * `timestamp.toString(16).padStart(14, '0') + '-'` for an integer in [0, 8.64e15]. Consecutive events
 * share the high digits, so they are cached: formatting numbers was a third of the id's cost.
 */
function timestampHex(timestamp: number): string {
  if (!(Number.isSafeInteger(timestamp) && timestamp >= 0))
    return `${timestamp.toString(16).padStart(14, '0')}-`;
  const low = timestamp % 4096;
  const high = (timestamp - low) / 4096;
  if (high !== lastHigh) {
    lastHigh = high;
    lastHighHex = high.toString(16).padStart(11, '0');
  }
  return lastHighHex + LOW_HEX[low];
}

/** The context with its defined entries in key order, or `null` when it has none. */
export function canonicalContext(context: EventContext | undefined): Record<string, unknown> | null {
  if (!context) return null;
  const keys = Object.keys(context);
  if (isCanonical(context as Record<string, unknown>, keys)) return keys.length === 0 ? null : context;
  const defined = keys.filter((key) => context[key as keyof EventContext] !== undefined).sort();
  if (defined.length === 0) return null;
  const sorted: Record<string, unknown> = {};
  for (const key of defined) sorted[key] = context[key as keyof EventContext];
  return sorted;
}

/**
 * Whether the keys are already sorted and every value is defined, so the context serialises as it
 * is (the fast event check builds contexts that way): this skips a sort and a copy per event.
 */
function isCanonical(context: Record<string, unknown>, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    if (context[keys[i]] === undefined || (i > 0 && keys[i - 1] >= keys[i])) return false;
  }
  return true;
}
