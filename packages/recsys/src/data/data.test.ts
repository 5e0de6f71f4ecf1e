import { InputValidationError } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { itemHistories, userHistories } from './histories';
import { createInteractions, filterByWeight, selectInteractions } from './interactions';

describe('interactions and histories', () => {
  const data = createInteractions([
    { userId: 'u', itemId: 'b', timestamp: 30, weight: 4 },
    { userId: 'v', itemId: 'a', timestamp: 10 },
    { userId: 'u', itemId: 'a', timestamp: 10, weight: 2 },
    { userId: 'u', itemId: 'b', timestamp: 20, weight: 5 },
  ]);

  it('numbers ids by first appearance and orders each user by time (ties keep input order)', () => {
    expect(data.userIds).toEqual(['u', 'v']);
    expect(data.itemIds).toEqual(['b', 'a']);
    const rows = userHistories(data);
    expect(Array.from(rows.offsets)).toEqual([0, 3, 4]);
    expect(Array.from(rows.indices)).toEqual([1, 0, 0, 1]);
    expect(Array.from(rows.times)).toEqual([10, 20, 30, 10]);
    expect(Array.from(rows.values)).toEqual([2, 5, 4, 1]);
    const first = userHistories(data, { duplicates: 'first' });
    expect(Array.from(first.indices.subarray(0, first.offsets[1]))).toEqual([1, 0]);
    expect(Array.from(itemHistories(data).offsets)).toEqual([0, 2, 4]);
  });

  it('selections and weight filters keep the vocabularies', () => {
    const high = filterByWeight(data, 4);
    expect(high.users.length).toBe(2);
    expect(high.itemIds).toBe(data.itemIds);
    expect(selectInteractions(data, [3]).times[0]).toBe(20);
  });

  it('rejects bad rows with the row and field', () => {
    expect(() =>
      createInteractions([
        { userId: 'u', itemId: 'a' },
        { userId: '', itemId: 'b' },
      ]),
    ).toThrowError(/row 2, field "userId"/);
    let caught: unknown;
    try {
      createInteractions([{ userId: 'u', itemId: 'a', timestamp: Number.NaN }]);
    } catch (error) {
      caught = error;
    }
    expect(InputValidationError.isInstance(caught)).toBe(true);
  });
});
