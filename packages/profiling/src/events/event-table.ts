import {
  BEHAVIOR_TYPES,
  type BehaviorEvent,
  type BehaviorType,
  describeReceived,
  InputValidationError,
} from '@shoppilot/core';

/** Index of each behaviour type in `BEHAVIOR_TYPES` (the codes stored in `EventTable.type`). */
export const TYPE_CODE: Readonly<Record<BehaviorType, number>> = Object.freeze(
  Object.fromEntries(BEHAVIOR_TYPES.map((type, index) => [type, index])) as Record<BehaviorType, number>,
);

/**
 * Events in columns (typed arrays), sorted by user and then by time. Strings are interned:
 * `user[i]` indexes `users`, `item[i]` indexes `items` (-1 when absent), and so on. Missing
 * numbers are NaN. Events of user `u` are the rows `userOffsets[u] .. userOffsets[u + 1] - 1`.
 */
export interface EventTable {
  readonly length: number;
  readonly users: readonly string[];
  readonly items: readonly string[];
  readonly categories: readonly string[];
  readonly devices: readonly string[];
  readonly channels: readonly string[];
  readonly user: Int32Array;
  readonly item: Int32Array;
  readonly category: Int32Array;
  /** Code of the behaviour type (see `TYPE_CODE`). */
  readonly type: Uint8Array;
  /** Milliseconds since the epoch. */
  readonly timestamp: Float64Array;
  readonly price: Float64Array;
  readonly quantity: Float64Array;
  readonly device: Int32Array;
  readonly channel: Int32Array;
  /** Interned `context.sessionId` (-1 when absent). */
  readonly session: Int32Array;
  readonly dwellMs: Float64Array;
  /** 1 when `context.promo` is true or `context.discount` > 0. */
  readonly promo: Uint8Array;
  readonly discount: Float64Array;
  readonly userOffsets: Int32Array;
}

class Interner {
  readonly values: string[] = [];
  readonly #index = new Map<string, number>();
  intern(value: string | undefined): number {
    if (value === undefined) return -1;
    let index = this.#index.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.#index.set(value, index);
    }
    return index;
  }
}

type Column = Int32Array | Float64Array | Uint8Array;

function grow<T extends Column>(column: T, capacity: number): T {
  const next = new (column.constructor as new (n: number) => T)(capacity);
  next.set(column);
  return next;
}

/**
 * Collects events one at a time (from an array, a file or a storage scan) and builds an
 * `EventTable`. Each event is checked for the fields the table needs; a bad one throws
 * `InputValidationError` naming its position.
 */
export class EventTableBuilder {
  #length = 0;
  #capacity: number;
  readonly #users = new Interner();
  readonly #items = new Interner();
  readonly #categories = new Interner();
  readonly #devices = new Interner();
  readonly #channels = new Interner();
  readonly #sessions = new Interner();
  #cols: Record<string, Column>;

  constructor(initialCapacity = 1024) {
    this.#capacity = Math.max(16, initialCapacity);
    const n = this.#capacity;
    this.#cols = {
      user: new Int32Array(n),
      item: new Int32Array(n),
      category: new Int32Array(n),
      type: new Uint8Array(n),
      timestamp: new Float64Array(n),
      price: new Float64Array(n),
      quantity: new Float64Array(n),
      device: new Int32Array(n),
      channel: new Int32Array(n),
      session: new Int32Array(n),
      dwellMs: new Float64Array(n),
      promo: new Uint8Array(n),
      discount: new Float64Array(n),
    };
  }

  get length(): number {
    return this.#length;
  }

  push(event: BehaviorEvent): this {
    checkEvent(event, this.#length);
    if (this.#length === this.#capacity) this.#grow();
    const i = this.#length++;
    const c = this.#cols;
    const context = event.context;
    c.user[i] = this.#users.intern(event.userId);
    c.item[i] = this.#items.intern(event.itemId);
    c.category[i] = this.#categories.intern(event.categoryId);
    c.type[i] = TYPE_CODE[event.type];
    c.timestamp[i] = event.timestamp;
    c.price[i] = event.price ?? Number.NaN;
    c.quantity[i] = event.quantity ?? Number.NaN;
    c.device[i] = this.#devices.intern(context?.device);
    c.channel[i] = this.#channels.intern(context?.channel);
    c.session[i] = this.#sessions.intern(context?.sessionId);
    c.dwellMs[i] = context?.dwellMs ?? Number.NaN;
    c.discount[i] = context?.discount ?? Number.NaN;
    c.promo[i] = context?.promo === true || (context?.discount ?? 0) > 0 ? 1 : 0;
    return this;
  }

  #grow(): void {
    this.#capacity *= 2;
    for (const key of Object.keys(this.#cols)) this.#cols[key] = grow(this.#cols[key], this.#capacity);
  }

  /** Sorts by (user, time) (stable for equal times) and returns the table. */
  build(): EventTable {
    const n = this.#length;
    const order = sortOrder(this.#cols.user as Int32Array, this.#cols.timestamp as Float64Array, n);
    const cols: Record<string, Column> = {};
    for (const [key, column] of Object.entries(this.#cols)) cols[key] = permute(column, order, n);
    const userCount = this.#users.values.length;
    const userOffsets = new Int32Array(userCount + 1);
    const user = cols.user as Int32Array;
    for (let i = 0; i < n; i++) userOffsets[user[i] + 1]++;
    for (let u = 0; u < userCount; u++) userOffsets[u + 1] += userOffsets[u];
    return {
      length: n,
      users: this.#users.values,
      items: this.#items.values,
      categories: this.#categories.values,
      devices: this.#devices.values,
      channels: this.#channels.values,
      ...(cols as Omit<EventTable, 'length' | 'users' | 'items' | 'categories' | 'devices' | 'channels'>),
      userOffsets,
    };
  }
}

function checkEvent(event: BehaviorEvent, index: number): void {
  const row = index + 1;
  if (typeof event?.userId !== 'string' || event.userId.length === 0) {
    throw new InputValidationError({
      issues: [
        {
          row,
          field: 'userId',
          message: 'expected a non-empty string',
          received: describeReceived(event?.userId),
        },
      ],
    });
  }
  if (TYPE_CODE[event.type] === undefined) {
    throw new InputValidationError({
      issues: [
        {
          row,
          user: event.userId,
          field: 'type',
          message: `expected one of ${BEHAVIOR_TYPES.join(', ')}`,
          received: describeReceived(event.type),
        },
      ],
    });
  }
  if (typeof event.timestamp !== 'number' || !Number.isFinite(event.timestamp)) {
    throw new InputValidationError({
      issues: [
        {
          row,
          user: event.userId,
          field: 'timestamp',
          message: 'expected milliseconds since the epoch',
          received: describeReceived(event.timestamp),
        },
      ],
    });
  }
}

/** Row order sorted by user, then time; stable. Counting sort on users over a time-sorted order. */
function sortOrder(user: Int32Array, time: Float64Array, n: number): Int32Array {
  let byTime = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    byTime[i] = i;
    if (i > 0 && time[i] < time[i - 1]) sorted = false;
  }
  if (!sorted) byTime = Int32Array.from(Array.from(byTime).sort((a, b) => time[a] - time[b] || a - b));
  let maxUser = -1;
  for (let i = 0; i < n; i++) if (user[i] > maxUser) maxUser = user[i];
  const start = new Int32Array(maxUser + 2);
  for (let i = 0; i < n; i++) start[user[i] + 1]++;
  for (let u = 0; u <= maxUser; u++) start[u + 1] += start[u];
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = byTime[k];
    order[start[user[i]]++] = i;
  }
  return order;
}

function permute<T extends Column>(column: T, order: Int32Array, n: number): T {
  const out = new (column.constructor as new (n: number) => T)(n);
  for (let k = 0; k < n; k++) out[k] = column[order[k]];
  return out;
}

/** Builds a table from events in any order. */
export function eventTableFromEvents(events: Iterable<BehaviorEvent>): EventTable {
  const builder = new EventTableBuilder(Array.isArray(events) ? events.length : 1024);
  for (const event of events) builder.push(event);
  return builder.build();
}

/** The events of a table as objects again (for inspection, small tables). */
export function eventAt(table: EventTable, i: number): BehaviorEvent {
  const event: BehaviorEvent = {
    userId: table.users[table.user[i]],
    type: BEHAVIOR_TYPES[table.type[i]],
    timestamp: table.timestamp[i],
  };
  if (table.item[i] >= 0) event.itemId = table.items[table.item[i]];
  if (table.category[i] >= 0) event.categoryId = table.categories[table.category[i]];
  if (!Number.isNaN(table.price[i])) event.price = table.price[i];
  if (!Number.isNaN(table.quantity[i])) event.quantity = table.quantity[i];
  return event;
}
