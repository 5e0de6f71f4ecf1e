import { expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import type { BehaviorEvent } from '../../schema/behavior-event';
import type { EventQuery } from '../../storage/storage';
import { type ConformanceContext, collect, expectedIds, scanIds } from './conformance-context';

/** Ordering, time-range edges, filters and limits. */
export function defineEventOrderingTests({ open }: ConformanceContext): void {
  it('scans in (timestamp, eventId) order with ids compared by code point', async () => {
    const storage = await open();
    // Same timestamp: order by id in code-point order (U+FFFD < U+1F600, although UTF-16 says otherwise).
    const ids = ['b', '😀', 'Z', '\uFFFD', 'ä', 'a', 'c'];
    await storage.appendEvents([
      { eventId: 'late', userId: 'u1', type: 'view', timestamp: 2_000 },
      ...ids.map(
        (eventId, i): BehaviorEvent => ({ eventId, userId: `u${i % 2}`, type: 'view', timestamp: 1_000 }),
      ),
      { eventId: 'early', userId: 'u0', type: 'click', timestamp: 10 },
    ]);
    expect(await scanIds(storage)).toEqual(['early', 'Z', 'a', 'b', 'c', 'ä', '\uFFFD', '😀', 'late']);
    expect(await scanIds(storage, { userId: 'u0' })).toEqual(['early', 'Z', 'b', 'c', 'ä']);
    expect(await scanIds(storage, { userId: 'u1' })).toEqual(['a', '\uFFFD', '😀', 'late']);
    expect(await scanIds(storage, { userId: 'nobody' })).toEqual([]);
    expect(await collect(storage.listUsers())).toEqual(['u0', 'u1']);
  });

  it('time range: from inclusive, to exclusive, fractional and infinite bounds', async () => {
    const storage = await open();
    const times = [0, 100, 200, 200, 300];
    await storage.appendEvents(
      times.map((timestamp, i) => ({ eventId: `t${i}`, userId: 'u', type: 'view' as const, timestamp })),
    );
    const cases: Array<[EventQuery, string[]]> = [
      [{ from: 200 }, ['t2', 't3', 't4']],
      [{ to: 200 }, ['t0', 't1']],
      [{ from: 200, to: 300 }, ['t2', 't3']],
      [{ from: 200, to: 200 }, []],
      [{ from: 300, to: 100 }, []],
      [{ from: 199.5 }, ['t2', 't3', 't4']],
      [{ to: 200.5 }, ['t0', 't1', 't2', 't3']],
      [{ from: 0, to: 1 }, ['t0']],
      [{ from: -Infinity, to: Infinity }, ['t0', 't1', 't2', 't3', 't4']],
      [{ from: Infinity }, []],
      [{ to: -Infinity }, []],
      [{ from: 301 }, []],
    ];
    for (const [query, expected] of cases) {
      expect(await scanIds(storage, query), JSON.stringify(query)).toEqual(expected);
      expect(await storage.countEvents(query), JSON.stringify(query)).toBe(expected.length);
    }
  });

  it('filters by user, types and limit, alone and combined', async () => {
    const storage = await open();
    const types = ['view', 'buy', 'click', 'buy', 'view', 'fav'] as const;
    const events = Array.from({ length: 60 }, (_, i) => ({
      eventId: `f${String(i).padStart(2, '0')}`,
      userId: `u${i % 3}`,
      type: types[i % types.length],
      timestamp: 1_000 + Math.floor(i / 2) * 10,
    }));
    await storage.appendEvents(events);
    const queries: EventQuery[] = [
      { types: ['buy'] },
      { types: ['buy', 'fav'] },
      { types: [] },
      { limit: 0 },
      { limit: 7 },
      { userId: 'u1', types: ['view', 'buy'], from: 1_050, to: 1_250, limit: 4 },
      { userId: 'u2', limit: 1_000 },
      { from: 1_100, limit: 3 },
    ];
    for (const query of queries) {
      const expected = expectedIds(events, query);
      expect(await scanIds(storage, query), JSON.stringify(query)).toEqual(expected);
      expect(await storage.countEvents(query), JSON.stringify(query)).toBe(expected.length);
    }
    expect(expectedIds(events, queries[5])).toHaveLength(4);
  });

  it('rejects malformed queries with InvalidArgumentError', async () => {
    const storage = await open();
    const bad: unknown[] = [
      { limit: -1 },
      { limit: 1.5 },
      { from: Number.NaN },
      { types: ['teleport'] },
      { userId: '' },
    ];
    for (const query of bad) {
      await expect(storage.countEvents(query as EventQuery)).rejects.toSatisfy(
        InvalidArgumentError.isInstance,
      );
      await expect(collect(storage.scanEvents(query as EventQuery))).rejects.toSatisfy(
        InvalidArgumentError.isInstance,
      );
    }
  });
}
