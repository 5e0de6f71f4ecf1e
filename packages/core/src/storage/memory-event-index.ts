import { compareCodePoints } from './code-point-order';
import type { EventQuery, StoredEvent } from './storage';

/** (timestamp, eventId) order, the scan order of every adapter. */
export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  return a.timestamp - b.timestamp || compareCodePoints(a.eventId, b.eventId);
}

/** An append-mostly list kept in scan order, sorted lazily when events arrive out of order. */
class OrderedEvents {
  events: StoredEvent[] = [];
  #sorted = true;

  push(event: StoredEvent): void {
    const last = this.events[this.events.length - 1];
    if (last && compareEvents(last, event) > 0) this.#sorted = false;
    this.events.push(event);
  }

  /** A snapshot of the events with from <= timestamp < to, in order. */
  range(from: number | undefined, to: number | undefined): StoredEvent[] {
    if (!this.#sorted) {
      this.events.sort(compareEvents);
      this.#sorted = true;
    }
    const start = from === undefined ? 0 : lowerBound(this.events, from);
    const end = to === undefined ? this.events.length : lowerBound(this.events, to);
    return start < end ? this.events.slice(start, end) : [];
  }
}

/** First index whose timestamp is >= time. */
function lowerBound(events: StoredEvent[], time: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle].timestamp < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Events by id, in time order overall and per user. */
export class MemoryEventIndex {
  readonly #byId = new Map<string, StoredEvent>();
  #all = new OrderedEvents();
  readonly #byUser = new Map<string, OrderedEvents>();

  /** Adds the event unless its id is stored; returns whether it was added. */
  add(event: StoredEvent): boolean {
    if (this.#byId.has(event.eventId)) return false;
    this.#byId.set(event.eventId, event);
    this.#all.push(event);
    let forUser = this.#byUser.get(event.userId);
    if (!forUser) {
      forUser = new OrderedEvents();
      this.#byUser.set(event.userId, forUser);
    }
    forUser.push(event);
    return true;
  }

  has(eventId: string): boolean {
    return this.#byId.has(eventId);
  }

  /** The matching events in scan order, as a snapshot (later writes do not change it). */
  select(query: EventQuery): StoredEvent[] {
    const list = query.userId === undefined ? this.#all : this.#byUser.get(query.userId);
    if (!list) return [];
    let events = list.range(query.from, query.to);
    if (query.types) {
      const types = new Set<string>(query.types);
      events = events.filter((event) => types.has(event.type));
    }
    return query.limit === undefined ? events : events.slice(0, query.limit);
  }

  users(): string[] {
    return [...this.#byUser.keys()].sort(compareCodePoints);
  }

  /** Removes the user's events; returns how many there were. */
  deleteUser(userId: string): number {
    const forUser = this.#byUser.get(userId);
    if (!forUser) return 0;
    for (const event of forUser.events) this.#byId.delete(event.eventId);
    this.#byUser.delete(userId);
    const remaining = new OrderedEvents();
    for (const event of this.#all.range(undefined, undefined)) {
      if (event.userId !== userId) remaining.push(event);
    }
    this.#all = remaining;
    return forUser.events.length;
  }
}
