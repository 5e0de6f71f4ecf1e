import { expect, it } from 'vitest';
import { InputValidationError } from '../../errors/input-validation-error';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import type { ProgressEvent } from '../../progress/progress';
import { createRng } from '../../random/rng';
import type { BehaviorEvent } from '../../schema/behavior-event';
import { compareCodePoints } from '../../storage/code-point-order';
import { deriveEventId } from '../../storage/event-id';
import type { StoredEvent } from '../../storage/storage';
import { type ConformanceContext, collect, expectedIds, scanIds } from './conformance-context';
import { generateTestEvents } from './test-events';

/** Concurrent writers, idempotent re-append, large batches, validation and cancellation. */
export function defineEventWriteTests({ open, options }: ConformanceContext): void {
  it('concurrent writers: nothing lost, nothing duplicated', async () => {
    const storage = await open();
    const all = generateTestEvents({ count: 4_000, users: 40, seed: 7 });
    // 16 overlapping slices (each shares 50 events with the next) plus one slice sent twice at once.
    const batches = Array.from({ length: 16 }, (_, b) => all.slice(b * 250, b * 250 + 300));
    batches.push(batches[3]);
    const submitted = batches.reduce((sum, batch) => sum + batch.length, 0);
    const results = await Promise.all(batches.map((batch) => storage.appendEvents(batch)));
    expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(4_000);
    expect(results.reduce((sum, r) => sum + r.duplicates, 0)).toBe(submitted - 4_000);
    const ids = await scanIds(storage);
    expect(ids).toHaveLength(4_000);
    expect(ids).toEqual(expectedIds(all as StoredEvent[]));
  });

  it('re-appending is idempotent, by given id or by the id derived from content', async () => {
    const storage = await open();
    const events = generateTestEvents({ count: 200, withIds: false, seed: 3 });
    expect(await storage.appendEvents(events)).toEqual({ inserted: 200, duplicates: 0 });
    expect(await storage.appendEvents(events)).toEqual({ inserted: 0, duplicates: 200 });
    const stored = await collect(storage.scanEvents());
    expect(new Set(stored.map((e) => e.eventId))).toEqual(new Set(events.map(deriveEventId)));
    // Context key order does not change the derived id.
    const first = events.find((e) => e.context) as BehaviorEvent;
    const reordered = {
      ...first,
      context: Object.fromEntries(Object.entries(first.context ?? {}).reverse()),
    };
    expect(await storage.appendEvents([reordered])).toEqual({ inserted: 0, duplicates: 1 });
    // A given id wins over content: the first version stays.
    await storage.appendEvents([{ eventId: 'x', userId: 'u-first', type: 'view', timestamp: 5 }]);
    const again = await storage.appendEvents([
      { eventId: 'x', userId: 'u-second', type: 'buy', timestamp: 9 },
    ]);
    expect(again).toEqual({ inserted: 0, duplicates: 1 });
    expect((await collect(storage.scanEvents({ from: 5, to: 6 }))).map((e) => e.userId)).toEqual(['u-first']);
    // Repeats inside one batch count as duplicates too.
    const twin: BehaviorEvent = { userId: 'twin', type: 'click', timestamp: 7, itemId: 'i' };
    expect(await storage.appendEvents([twin, { ...twin }])).toEqual({ inserted: 1, duplicates: 1 });
    expect(await storage.countEvents()).toBe(202);
  });

  it(`large batch: appends and streams ${options.largeBatch ?? 50_000} events in order`, async () => {
    const storage = await open();
    const count = options.largeBatch ?? 50_000;
    const events = createRng(11).shuffle(generateTestEvents({ count, users: 500, step: 3, seed: 5 }));
    const progress: ProgressEvent[] = [];
    const result = await storage.appendEvents(events, { onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ inserted: count, duplicates: 0 });
    expect(progress.at(-1)).toMatchObject({ stage: 'append', completed: count, total: count });
    expect(await storage.countEvents()).toBe(count);
    let seen = 0;
    let outOfOrder = 0;
    let previous: StoredEvent | undefined;
    for await (const event of storage.scanEvents()) {
      if (
        previous &&
        (previous.timestamp - event.timestamp || compareCodePoints(previous.eventId, event.eventId)) >= 0
      ) {
        outOfOrder++;
      }
      previous = event;
      seen++;
    }
    expect(outOfOrder).toBe(0);
    expect(seen).toBe(count);
    const reference = events as StoredEvent[];
    const middle = { from: 1_700_000_000_000 + count, to: 1_700_000_000_000 + 2 * count };
    expect(await scanIds(storage, { userId: 'user-7' })).toEqual(
      expectedIds(reference, { userId: 'user-7' }),
    );
    expect(await storage.countEvents(middle)).toBe(expectedIds(reference, middle).length);
  });

  it('stores every field exactly (numbers, context, extremes)', async () => {
    const storage = await open();
    const full: BehaviorEvent = {
      eventId: 'full',
      userId: 'u',
      itemId: 'i',
      type: 'refund',
      timestamp: 8.64e15,
      categoryId: 'cat/sub',
      quantity: -2,
      price: 0.1 + 0.2,
      context: {
        device: 'mobile',
        platform: 'ios',
        geo: 'CN-SH',
        channel: 'push',
        sessionId: 's1',
        dwellMs: 1234.5,
        promo: false,
        discount: 0.25,
      },
    };
    const bare: BehaviorEvent = { eventId: 'bare', userId: 'u', type: 'search', timestamp: 0 };
    const huge: BehaviorEvent = {
      eventId: 'huge',
      userId: 'u',
      type: 'buy',
      timestamp: 1,
      price: 1.7976931348623157e308,
      quantity: 5e-324,
    };
    await storage.appendEvents([full, bare, huge]);
    expect(await collect(storage.scanEvents())).toStrictEqual([bare, huge, full]);
  });

  it('rejects a bad batch whole, naming index and field (InputValidationError)', async () => {
    const storage = await open();
    const good = generateTestEvents({ count: 3, seed: 2 });
    const bad = { userId: 'u9', type: 'view', timestamp: 'yesterday' } as unknown as BehaviorEvent;
    const error = await storage.appendEvents([...good.slice(0, 2), bad, good[2]]).catch((e: unknown) => e);
    expect(InputValidationError.isInstance(error)).toBe(true);
    const issue = (error as InputValidationError).issues[0];
    expect(issue).toMatchObject({ row: 3, field: 'timestamp', user: 'u9' });
    expect(issue.message).toContain('index 2');
    for (const hostile of [{ userId: 'nul\u0000byte' }, { itemId: 'lone \uD800 surrogate' }]) {
      const event = { ...good[0], eventId: 'h', ...hostile } as BehaviorEvent;
      await expect(storage.appendEvents([event])).rejects.toSatisfy(InputValidationError.isInstance);
    }
    await expect(storage.appendEvents('nope' as never)).rejects.toSatisfy(InvalidArgumentError.isInstance);
    expect(await storage.countEvents()).toBe(0);
  });

  it('an aborted append writes nothing and rejects with the abort reason', async () => {
    const storage = await open();
    const controller = new AbortController();
    controller.abort();
    const events = generateTestEvents({ count: 10 });
    await expect(storage.appendEvents(events, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(await storage.countEvents()).toBe(0);
  });
}
