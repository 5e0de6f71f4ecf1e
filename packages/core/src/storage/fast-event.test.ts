import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BehaviorEvent, behaviorEventSchema } from '../schema/behavior-event';
import { canonicalContext, deriveEventId } from './event-id';
import { parseEventFast } from './fast-event';
import { prepareEvents } from './prepare-events';
import { isStorableString } from './storage-values';

/** What the zod path stores: the schema's output, undefined and empty context dropped, id derived. */
function viaZod(input: unknown): unknown {
  const parsed = behaviorEventSchema.safeParse(input);
  if (!parsed.success) return 'rejected';
  const event = JSON.parse(JSON.stringify(parsed.data));
  for (const field of ['eventId', 'userId', 'itemId', 'categoryId'] as const) {
    if (event[field] !== undefined && !isStorableString(event[field])) return 'rejected';
  }
  for (const value of Object.values(event.context ?? {})) {
    if (typeof value === 'string' && !isStorableString(value)) return 'rejected';
  }
  if (event.context && canonicalContext(event.context) === null) delete event.context;
  event.eventId ??= deriveEventId(event);
  return event;
}

const text = fc.oneof(
  fc.constantFrom('', 'a', 'user-1', '张三', 'u😀', 'x\u0000y', '\ud800', 'q"\\'),
  fc.string({ maxLength: 6 }),
);
const number = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 1.5, 8.64e15, 8.64e15 + 1, Number.NaN, Number.POSITIVE_INFINITY),
  fc.double(),
  fc.integer(),
);
const anything = fc.oneof(
  text,
  number,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant([]),
);
/** Mostly a valid value, sometimes anything, sometimes absent. */
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.option(fc.oneof({ arbitrary: arb, weight: 12 }, { arbitrary: anything, weight: 1 }), { nil: undefined });
const name = fc.constantFrom('u1', 'item-9', '张三', 'u😀', 'q"\\', 'tab\t');
const valid = fc.oneof(fc.integer({ min: 0, max: 8.64e15 }), fc.double({ min: 0, max: 1, noNaN: true }));
const context = fc.record(
  {
    device: maybe(name),
    platform: maybe(name),
    geo: maybe(text),
    channel: maybe(name),
    sessionId: maybe(name),
    dwellMs: maybe(valid),
    promo: maybe(fc.boolean()),
    discount: maybe(valid),
    extra: maybe(text),
  },
  { requiredKeys: [] },
);
const event = fc.record(
  {
    eventId: maybe(name),
    userId: fc.oneof({ arbitrary: name, weight: 12 }, { arbitrary: anything, weight: 1 }),
    itemId: maybe(name),
    type: fc.constantFrom('view', 'buy', 'search', 'nope', 'VIEW'),
    timestamp: fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: number, weight: 1 }),
    categoryId: maybe(text),
    quantity: maybe(number),
    price: maybe(valid),
    context: maybe(context),
    unknownKey: maybe(text),
  },
  { requiredKeys: ['userId', 'type', 'timestamp'] },
);

describe('parseEventFast', () => {
  it('accepts only what the schema accepts, and stores exactly what the zod path stores', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(event, anything), (input) => {
        const fast = parseEventFast(input);
        if (fast === undefined) return; // declined: zod decides (and words the error)
        accepted++;
        expect(JSON.parse(JSON.stringify(fast))).toEqual(viaZod(input));
        expect(fast).not.toBe(input);
      }),
      { numRuns: 5_000, seed: 42 },
    );
    expect(accepted).toBeGreaterThan(200); // the fast path was exercised, not only declined
  });

  it('takes the ordinary event without zod, and prepareEvents still names a bad field through zod', () => {
    const good = { userId: 'u', type: 'buy', timestamp: 5, price: 2, context: { promo: false }, x: 1 };
    expect(parseEventFast(good)).toEqual({
      eventId: deriveEventId({ userId: 'u', type: 'buy', timestamp: 5, price: 2, context: { promo: false } }),
      userId: 'u',
      type: 'buy',
      timestamp: 5,
      price: 2,
      context: { promo: false },
    });
    expect(() => prepareEvents([good, { ...good, price: -1 }] as unknown as BehaviorEvent[])).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ row: 2, field: 'price', user: 'u', received: '-1' })],
      }),
    );
  });
});
