import { InvalidArgumentError } from '@shoppilot/core';
import type { UserFeatures } from './extract-user-features';
import { featureColumn } from './feature-matrix';

/** A segment rule: inclusive score ranges for recency, frequency and monetary (1 = worst). */
export interface RfmSegmentRule {
  name: string;
  recency: [number, number];
  frequency: [number, number];
  monetary: [number, number];
}

/**
 * The usual named segments on 1-5 scores (as in the R `rfm` package's segment table), checked
 * in this order; the first rule that matches names the segment. Pass your own list to change it.
 */
export const DEFAULT_RFM_SEGMENTS: readonly RfmSegmentRule[] = [
  { name: 'champions', recency: [4, 5], frequency: [4, 5], monetary: [4, 5] },
  { name: 'loyal', recency: [3, 5], frequency: [3, 5], monetary: [3, 5] },
  { name: 'cannot lose them', recency: [1, 1], frequency: [4, 5], monetary: [4, 5] },
  { name: 'at risk', recency: [1, 2], frequency: [2, 5], monetary: [2, 5] },
  { name: 'potential loyalist', recency: [3, 5], frequency: [1, 3], monetary: [1, 3] },
  { name: 'new', recency: [4, 5], frequency: [1, 1], monetary: [1, 5] },
  { name: 'promising', recency: [3, 4], frequency: [1, 1], monetary: [1, 5] },
  { name: 'need attention', recency: [2, 3], frequency: [2, 3], monetary: [2, 3] },
  { name: 'about to sleep', recency: [2, 3], frequency: [1, 2], monetary: [1, 2] },
  { name: 'hibernating', recency: [2, 2], frequency: [1, 2], monetary: [1, 5] },
  { name: 'lost', recency: [1, 1], frequency: [1, 5], monetary: [1, 5] },
];

export interface RfmOptions {
  /** Score levels per dimension. Default 5 (quintiles). */
  bins?: number;
  /** Segment rules in priority order. Default `DEFAULT_RFM_SEGMENTS`. */
  segments?: readonly RfmSegmentRule[];
  /** Segment of users with no order. Default `prospects`. */
  nonBuyerSegment?: string;
  /** Segment when no rule matches. Default `others`. */
  otherSegment?: string;
}

export interface RfmResult {
  userIds: string[];
  /** Scores 1..bins (0 for users without an order). */
  recencyScore: Int32Array;
  frequencyScore: Int32Array;
  monetaryScore: Int32Array;
  segment: string[];
  /** Users per segment. */
  counts: Record<string, number>;
}

/**
 * Rank-based scores: among buyers, score(v) = 1 + floor(bins * #{values < v} / n) (ties share a
 * score); recency is scored on its negative so recent buyers score high.
 */
export function rankScores(values: ArrayLike<number>, bins: number): Int32Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const scores = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < values[i]) lo = mid + 1;
      else hi = mid;
    }
    scores[i] = Math.min(bins, 1 + Math.floor((bins * lo) / n));
  }
  return scores;
}

/** RFM scores and named segments from extracted user features (recencyDays, frequency, monetary). */
export function rfmSegments(features: UserFeatures, options: RfmOptions = {}): RfmResult {
  const bins = options.bins ?? 5;
  if (!Number.isInteger(bins) || bins < 2) {
    throw new InvalidArgumentError({ argument: 'bins', message: 'must be an integer >= 2', value: bins });
  }
  const rules = options.segments ?? DEFAULT_RFM_SEGMENTS;
  const recency = featureColumn(features, 'recencyDays');
  const frequency = featureColumn(features, 'frequency');
  const monetary = featureColumn(features, 'monetary');
  const buyers = Array.from(frequency.keys()).filter((i) => frequency[i] > 0);
  const scoreOf = (column: Float64Array, sign: number) => {
    const scores = new Int32Array(column.length);
    const buyerScores = rankScores(
      buyers.map((i) => sign * column[i]),
      bins,
    );
    buyers.forEach((row, k) => {
      scores[row] = buyerScores[k];
    });
    return scores;
  };
  const r = scoreOf(recency, -1);
  const f = scoreOf(frequency, 1);
  const m = scoreOf(monetary, 1);
  const segment = features.userIds.map((_, i) =>
    frequency[i] > 0
      ? (matchRule(rules, r[i], f[i], m[i]) ?? options.otherSegment ?? 'others')
      : (options.nonBuyerSegment ?? 'prospects'),
  );
  const counts: Record<string, number> = {};
  for (const name of segment) counts[name] = (counts[name] ?? 0) + 1;
  return { userIds: features.userIds, recencyScore: r, frequencyScore: f, monetaryScore: m, segment, counts };
}

function matchRule(rules: readonly RfmSegmentRule[], r: number, f: number, m: number): string | undefined {
  const within = (value: number, [lo, hi]: [number, number]) => value >= lo && value <= hi;
  return rules.find(
    (rule) => within(r, rule.recency) && within(f, rule.frequency) && within(m, rule.monetary),
  )?.name;
}
