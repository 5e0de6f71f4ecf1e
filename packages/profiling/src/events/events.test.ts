import type { BehaviorEvent, EventQuery, Storage, StoredEvent } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { eventAt, eventTableFromEvents } from './event-table';
import { eventTableFromStorage, streamUserSequences } from './from-storage';
import { transactionsToEvents } from './from-transactions';
import { sessionizeTable, sessionsOf } from './sessions';

const MIN = 60_000;

/** A minimal in-test Storage: only the event methods the profiling code reads. */
function tinyStorage(events: BehaviorEvent[]): Storage {
  const stored: StoredEvent[] = events
    .map((event, index) => ({ ...event, eventId: `e${String(index).padStart(4, '0')}` }))
    .sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId));
  const match = (event: StoredEvent, query: EventQuery = {}) =>
    (query.userId === undefined || event.userId === query.userId) &&
    (query.from === undefined || event.timestamp >= query.from) &&
    (query.to === undefined || event.timestamp < query.to);
  const unsupported = () => Promise.reject(new Error('not used'));
  return {
    kind: 'tiny',
    appendEvents: unsupported,
    async *scanEvents(query) {
      for (const event of stored) if (match(event, query)) yield event;
    },
    countEvents: async (query) => stored.filter((event) => match(event, query)).length,
    async *listUsers() {
      yield* [...new Set(stored.map((event) => event.userId))].sort();
    },
    getState: unsupported,
    setState: unsupported,
    deleteState: unsupported,
    listState: unsupported,
    putArtifact: unsupported,
    getArtifact: unsupported,
    listArtifactVersions: unsupported,
    deleteUser: unsupported,
    close: async () => {},
  };
}

const events: BehaviorEvent[] = [
  { userId: 'b', type: 'view', itemId: 'x', timestamp: 5 * MIN },
  { userId: 'a', type: 'view', itemId: 'x', timestamp: 0 },
  { userId: 'a', type: 'add_cart', itemId: 'x', timestamp: 10 * MIN },
  { userId: 'a', type: 'buy', itemId: 'x', timestamp: 20 * MIN, price: 3, quantity: 2 },
  { userId: 'a', type: 'view', itemId: 'y', timestamp: 90 * MIN },
  { userId: 'b', type: 'view', itemId: 'y', timestamp: 6 * MIN },
];

describe('event table', () => {
  it('sorts by user then time and interns strings', () => {
    const table = eventTableFromEvents(events);
    expect(table.length).toBe(6);
    expect(Array.from(table.userOffsets)).toEqual([0, 2, 6]);
    const users = Array.from({ length: table.length }, (_, i) => table.users[table.user[i]]);
    expect(users).toEqual(['b', 'b', 'a', 'a', 'a', 'a']);
    expect(Array.from(table.timestamp)).toEqual([5, 6, 0, 10, 20, 90].map((m) => m * MIN));
    expect(eventAt(table, 4)).toEqual({
      userId: 'a',
      type: 'buy',
      itemId: 'x',
      timestamp: 20 * MIN,
      price: 3,
      quantity: 2,
    });
  });

  it('rejects a bad event naming the row and field', () => {
    const bad = [events[0], { ...events[1], timestamp: Number.NaN }];
    expect(() => eventTableFromEvents(bad)).toThrow(/row 2.*field "timestamp"/);
  });
});

describe('sessions', () => {
  it('cuts at gaps larger than the inactivity threshold', () => {
    const sessions = sessionsOf([0, 10, 20, 100, 105], undefined, 30);
    expect(sessions.map((s) => [s.start, s.end])).toEqual([
      [0, 3],
      [3, 5],
    ]);
    expect(sessionsOf([0, 10, 20, 100, 105], undefined, 80).length).toBe(1);
  });

  it('sessionizes a whole table per user (30-minute default gap)', () => {
    const table = eventTableFromEvents(events);
    const sessions = sessionizeTable(table);
    // b: one session; a: [0, 10, 20] then 90 (gap 70 min)
    expect(sessions.count).toBe(3);
    expect(Array.from(sessions.sessionOf)).toEqual([0, 0, 1, 1, 1, 2]);
    expect(sessionizeTable(table, 80 * MIN).count).toBe(2);
  });
});

describe('streaming from a Storage', () => {
  it('builds the same table as from the events', async () => {
    const fromStorage = await eventTableFromStorage(tinyStorage(events));
    const direct = eventTableFromEvents(events);
    expect(Array.from(fromStorage.timestamp).sort()).toEqual(Array.from(direct.timestamp).sort());
    expect(fromStorage.length).toBe(direct.length);
  });

  it('yields per-user sequences with sessions, cut at asOf', async () => {
    const out = [];
    for await (const sequence of streamUserSequences(tinyStorage(events), { asOf: 60 * MIN }))
      out.push(sequence);
    expect(out.map((s) => [s.userId, s.events.length, s.sessions.length])).toEqual([
      ['a', 3, 1],
      ['b', 2, 1],
    ]);
  });
});

describe('transactionsToEvents', () => {
  it('turns positive lines into buys and negative ones into refunds with |quantity|', () => {
    const events = transactionsToEvents(
      [
        {
          transactionId: '536365',
          customerId: 'c1',
          timestamp: 1000,
          itemId: 'A',
          quantity: 6,
          unitPrice: 2.55,
        },
        { transactionId: 'C536379', customerId: 'c1', timestamp: 2000, itemId: 'A', quantity: -2 },
      ],
      { categoryOf: (t) => (t.itemId === 'A' ? 'lantern' : undefined) },
    );
    expect(events.map((e) => [e.eventId, e.type, e.quantity, e.price, e.categoryId])).toEqual([
      ['536365#1', 'buy', 6, 2.55, 'lantern'],
      ['C536379#2', 'refund', 2, undefined, 'lantern'],
    ]);
  });
});
