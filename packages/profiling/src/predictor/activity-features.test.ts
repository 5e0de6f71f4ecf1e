import type { BehaviorEvent } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { eventTableFromEvents } from '../events/event-table';
import { activityFeatureNames, activityRow, withActivityColumns } from './activity-features';
import { buildPurchaseSamples } from './purchase-samples';
import { buildVocabulary } from './vocabulary';

const DAY = 86_400_000;
const CUTOFF = 100 * DAY;

/** An event `daysBefore` days before the cutoff. */
function at(
  userId: string,
  daysBefore: number,
  type: BehaviorEvent['type'],
  quantity = 1,
  price = 1,
): BehaviorEvent {
  return {
    userId,
    itemId: 'i',
    categoryId: 'c',
    type,
    timestamp: CUTOFF - daysBefore * DAY,
    quantity,
    price,
  };
}

// u1 buys on purchase days 0, 3 (twice), 10 and 40 before the cutoff, refunds on days 5 and 95,
// views on day 1; u2 bought once, 20 days before; u3's events are all after the cutoff
const events = [
  at('u1', 0.5, 'buy', 2, 3),
  at('u1', 3.2, 'buy', 1, 10),
  at('u1', 3.9, 'buy', 1, 1),
  at('u1', 10.1, 'buy', 1, 5),
  at('u1', 40, 'buy', 2, 2),
  at('u1', 5, 'refund'),
  at('u1', 95, 'refund'),
  at('u1', 1, 'view'),
  at('u1', -2, 'buy', 1, 100),
  at('u2', 20, 'buy', 3, 4),
  at('u3', -1, 'buy'),
];
const table = eventTableFromEvents(events);

function rowOf(user: string, weeks: number, horizonDays: number): Record<string, number> {
  const u = table.users.indexOf(user);
  const start = table.userOffsets[u];
  let end = start;
  while (end < table.userOffsets[u + 1] && table.timestamp[end] < CUTOFF) end++;
  const values = activityRow(table, start, end, CUTOFF, weeks, horizonDays * DAY);
  return Object.fromEntries(activityFeatureNames(weeks).map((name, k) => [name, values[k]]));
}

describe('purchase-rhythm features', () => {
  it('match the hand-computed values of their formulas', () => {
    // purchase days [0, 3, 10, 40]; gaps [3, 7, 30]: median 7, first (latest) 3, mean 40/3
    const mean = 40 / 3;
    const sd = Math.sqrt(((3 - mean) ** 2 + (7 - mean) ** 2 + (30 - mean) ** 2) / 3);
    expect(rowOf('u1', 3, 7)).toEqual({
      buyWeek0: 1,
      buyWeek1: 1,
      buyWeek2: 0,
      buyDays1w: 2,
      buyDays2w: 3,
      buyDays4w: 3,
      buyDays8w: 4,
      buyDays13w: 4,
      buyDays26w: 4,
      buyDayRecency: 0,
      buyDayGapMedian: 7,
      buyDayGapLast: 3,
      buyDayGapCv: sd / mean,
      recencyOverGap: 1 / 8,
      dueInDays: 7,
      dueWithinHorizon: 0,
      singleBuyDay: 0,
      refunds90d: 1,
      spend4w: 6 + 10 + 1 + 5,
      spend26w: 6 + 10 + 1 + 5 + 4,
    });
    expect(rowOf('u1', 3, 8).dueWithinHorizon).toBe(1);
  });

  it('leave the gap features undefined (NaN) with one purchase day and mark it', () => {
    const row = rowOf('u2', 4, 7);
    expect(row.buyWeek2).toBe(1);
    expect(row.buyDayRecency).toBe(20);
    expect(row.singleBuyDay).toBe(1);
    expect(row.spend4w).toBe(12);
    for (const name of ['buyDayGapMedian', 'buyDayGapLast', 'buyDayGapCv', 'recencyOverGap', 'dueInDays'])
      expect(row[name]).toBeNaN();
  });

  it('are filled per sample row and appended to the aggregates for the network', () => {
    const vocabulary = buildVocabulary(table, CUTOFF);
    const options = { maxLength: 4, activityWeeks: 3, denseFeatures: ['frequency'] };
    const samples = buildPurchaseSamples(table, [CUTOFF], vocabulary, options);
    expect(samples.activityNames).toEqual(activityFeatureNames(3));
    const merged = withActivityColumns(samples);
    expect(merged.denseNames).toEqual(['frequency', ...activityFeatureNames(3)]);
    for (let r = 0; r < samples.n; r++) {
      const user = table.users[samples.userIndex[r]];
      const expected = Object.values(rowOf(user, 3, 7));
      const width = merged.denseNames.length;
      expect(merged.dense[r * width]).toBe(samples.dense[r]);
      expect(Array.from(merged.dense.subarray(r * width + 1, (r + 1) * width))).toEqual(expected);
    }
    expect(samples.n).toBe(2);
    expect(buildPurchaseSamples(table, [CUTOFF], vocabulary, { maxLength: 4 }).activity.length).toBe(0);
  });
});
