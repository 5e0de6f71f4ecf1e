import { describe, expect, it } from 'vitest';
import type { UserFeatures } from './extract-user-features';
import { type DEFAULT_RFM_SEGMENTS, rankScores, rfmSegments } from './rfm';

function features(rows: Array<[string, number, number, number]>): UserFeatures {
  return {
    asOf: 0,
    userIds: rows.map((r) => r[0]),
    userIndex: Int32Array.from(rows.keys()),
    names: ['recencyDays', 'frequency', 'monetary'],
    values: Float64Array.from(rows.flatMap((r) => [r[1], r[2], r[3]])),
  };
}

describe('RFM', () => {
  it('scores by rank: 1 + floor(bins * #smaller / n), ties shared', () => {
    expect(Array.from(rankScores([10, 20, 20, 30], 4))).toEqual([1, 2, 2, 4]);
    expect(Array.from(rankScores([5, 4, 3, 2, 1], 5))).toEqual([5, 4, 3, 2, 1]);
  });

  it('names segments from the rule table, recent buyers scoring high', () => {
    // 5 buyers: u1 recent/frequent/big, u5 old/rare/small; u6 never bought.
    const result = rfmSegments(
      features([
        ['u1', 1, 10, 1000],
        ['u2', 5, 8, 800],
        ['u3', 30, 4, 300],
        ['u4', 60, 2, 100],
        ['u5', 300, 1, 10],
        ['u6', 3, 0, 0],
      ]),
    );
    expect(Array.from(result.recencyScore)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(Array.from(result.frequencyScore)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(result.segment).toEqual(['champions', 'champions', 'loyal', 'at risk', 'lost', 'prospects']);
    expect(result.counts).toEqual({ champions: 2, loyal: 1, 'at risk': 1, lost: 1, prospects: 1 });
  });

  it('takes custom rules (rules are data)', () => {
    const rules = [
      { name: 'vip', recency: [1, 5], frequency: [5, 5], monetary: [1, 5] },
    ] as typeof DEFAULT_RFM_SEGMENTS;
    const result = rfmSegments(
      features([
        ['a', 1, 3, 5],
        ['b', 2, 1, 1],
      ]),
      { bins: 2, segments: rules, otherSegment: 'rest' },
    );
    expect(result.segment).toEqual(['rest', 'rest']);
    const two = rfmSegments(
      features([
        ['a', 1, 3, 5],
        ['b', 2, 1, 1],
      ]),
      {
        bins: 2,
        segments: [{ name: 'top', recency: [2, 2], frequency: [2, 2], monetary: [2, 2] }],
      },
    );
    expect(two.segment).toEqual(['top', 'others']);
  });
});
