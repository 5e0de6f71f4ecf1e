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
  const content = `[${JSON.stringify(event.userId)},${optionalJson(event.itemId)},${JSON.stringify(event.type)},${JSON.stringify(event.timestamp)},${optionalJson(event.quantity)},${optionalJson(event.price)},${contextJson(event.context)}]`;
  return `${event.timestamp.toString(16).padStart(14, '0')}-${hash('sha256', content, 'hex').slice(0, 24)}`;
}

function optionalJson(value: string | number | undefined): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** `JSON.stringify(canonicalContext(context))` without building the sorted copy. */
function contextJson(context: EventContext | undefined): string {
  if (!context) return 'null';
  const keys: string[] = [];
  for (const key in context) {
    if (context[key as keyof EventContext] !== undefined) keys.push(key);
  }
  if (keys.length === 0) return 'null';
  keys.sort();
  let json = '{';
  for (let i = 0; i < keys.length; i++) {
    json += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${JSON.stringify(context[keys[i] as keyof EventContext])}`;
  }
  return `${json}}`;
}

/** The context with its defined entries in key order, or `null` when it has none. */
export function canonicalContext(context: EventContext | undefined): Record<string, unknown> | null {
  if (!context) return null;
  const keys = Object.keys(context)
    .filter((key) => context[key as keyof EventContext] !== undefined)
    .sort();
  if (keys.length === 0) return null;
  const sorted: Record<string, unknown> = {};
  for (const key of keys) sorted[key] = context[key as keyof EventContext];
  return sorted;
}
