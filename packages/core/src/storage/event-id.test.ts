import { describe, expect, it } from 'vitest';
import { canonicalContext, deriveEventId } from './event-id';

/*
 * Reference ids computed independently with Python's hashlib:
 *   content = json.dumps([user, item, type, ts, qty, price, ctx_sorted_or_None],
 *                        ensure_ascii=False, separators=(',', ':'))
 *   '%014x-%s' % (ts, hashlib.sha256(content.encode('utf-8')).hexdigest()[:24])
 */
describe('deriveEventId', () => {
  it('matches SHA-256 reference ids computed with Python', () => {
    expect(
      deriveEventId({
        userId: 'u1',
        itemId: 'i9',
        type: 'buy',
        timestamp: 1_700_000_000_000,
        quantity: 2,
        price: 19.9,
        context: { device: 'mobile', channel: 'feed' },
      }),
    ).toBe('00018bcfe56800-ed0470ec254470582a5e6a88');
    expect(deriveEventId({ userId: '张三', type: 'search', timestamp: 0 })).toBe(
      '00000000000000-48e16502a9bfcbf1aeb04fdb',
    );
    expect(
      deriveEventId({
        userId: 'u😀',
        itemId: 'i"q',
        type: 'view',
        timestamp: 8.64e15,
        context: { promo: true, dwellMs: 1500 },
      }),
    ).toBe('1eb208c2dc0000-10e459da8618dea4dab07036');
  });

  it('ignores context key order, empty contexts, eventId and categoryId; sorts by time', () => {
    const base = { userId: 'u', itemId: 'i', type: 'view' as const, timestamp: 42 };
    const id = deriveEventId(base);
    expect(deriveEventId({ ...base, context: {} })).toBe(id);
    expect(deriveEventId({ ...base, context: { device: undefined } })).toBe(id);
    expect(deriveEventId({ ...base, categoryId: 'c', eventId: 'given' })).toBe(id);
    expect(deriveEventId({ ...base, context: { geo: 'x', device: 'y' } })).toBe(
      deriveEventId({ ...base, context: { device: 'y', geo: 'x' } }),
    );
    expect(deriveEventId({ ...base, quantity: 1 })).not.toBe(id);
    expect(deriveEventId({ ...base, timestamp: 43 }) > id).toBe(true);
    expect(canonicalContext({ geo: 'x', device: 'y' })).toStrictEqual({ device: 'y', geo: 'x' });
    // Already sorted: returned as it is; sorted but with an undefined entry: copied without it.
    const sorted = { device: 'y', geo: 'x' };
    expect(canonicalContext(sorted)).toBe(sorted);
    expect(canonicalContext({ device: 'y', geo: undefined })).toStrictEqual({ device: 'y' });
    expect(canonicalContext({ geo: undefined })).toBeNull();
  });
});
