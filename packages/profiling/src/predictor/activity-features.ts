import { type EventTable, TYPE_CODE } from '../events/event-table';

const DAY_MS = 86_400_000;

/** Windows (in weeks before the cutoff) over which purchase days are counted. */
const COUNT_WEEKS = [1, 2, 4, 8, 13, 26] as const;

/**
 * Names of the purchase-rhythm features of `activityRow` for `weeks` weekly indicators: `buyWeek0`
 * … (a buy in week k before the cutoff), `buyDays1w` … `buyDays26w`, then the rhythm of the
 * purchase days (recency, median / last gap, gap CV, recency over the median gap, days until the
 * next purchase is "due", due within the horizon, fewer than two purchase days), refunds in 90
 * days and spend in 4 and 26 weeks.
 */
export function activityFeatureNames(weeks: number): string[] {
  return [
    ...Array.from({ length: weeks }, (_, k) => `buyWeek${k}`),
    ...COUNT_WEEKS.map((w) => `buyDays${w}w`),
    'buyDayRecency',
    'buyDayGapMedian',
    'buyDayGapLast',
    'buyDayGapCv',
    'recencyOverGap',
    'dueInDays',
    'dueWithinHorizon',
    'singleBuyDay',
    'refunds90d',
    'spend4w',
    'spend26w',
  ];
}

/** Median of a sorted-or-not array (mean of the middle two for an even length). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Purchase-rhythm features of one user's events [start, end) as of `cutoff` (all of them are
 * before it), in the order of `activityFeatureNames(weeks)`. A purchase day is a whole number of
 * days before the cutoff, d = floor((cutoff - t) / 1 day), with at least one buy; gaps are the
 * differences of consecutive distinct purchase days. Formulas: buyWeek_k = 1 when a purchase day
 * is in [7k, 7k + 7); buyDays_Nw = purchase days < 7N; recency = the smallest purchase day;
 * recencyOverGap = (recency + 1) / (median gap + 1); dueInDays = median gap - recency;
 * dueWithinHorizon = 1 when 0 <= dueInDays < horizon days; gap CV = population sd / mean of the
 * gaps; spend = sum of quantity x price of buys. Values that need two purchase days (or one) are
 * NaN without them (the model's transform fills the training median; `singleBuyDay` marks them).
 */
export function activityRow(
  table: EventTable,
  start: number,
  end: number,
  cutoff: number,
  weeks: number,
  horizonMs: number,
): Float64Array {
  const days = new Set<number>();
  let refunds = 0;
  let spend4 = 0;
  let spend26 = 0;
  for (let i = start; i < end; i++) {
    const day = Math.floor((cutoff - table.timestamp[i]) / DAY_MS);
    if (table.type[i] === TYPE_CODE.refund && day < 90) refunds++;
    if (table.type[i] !== TYPE_CODE.buy) continue;
    days.add(day);
    const value = (table.quantity[i] || 0) * (table.price[i] || 0);
    if (day < 28) spend4 += value;
    if (day < 182) spend26 += value;
  }
  const sorted = [...days].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((d, k) => d - sorted[k]);
  const recency = sorted.length ? sorted[0] : Number.NaN;
  const gap = gaps.length ? median(gaps) : Number.NaN;
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
  const due = gap - recency;
  return Float64Array.from([
    ...Array.from({ length: weeks }, (_, k) => (sorted.some((d) => d >= 7 * k && d < 7 * k + 7) ? 1 : 0)),
    ...COUNT_WEEKS.map((w) => sorted.filter((d) => d < 7 * w).length),
    recency,
    gap,
    gaps.length ? gaps[0] : Number.NaN,
    gaps.length ? sd / mean : Number.NaN,
    (recency + 1) / (gap + 1),
    due,
    gaps.length ? (due >= 0 && due < horizonMs / DAY_MS ? 1 : 0) : Number.NaN,
    gaps.length ? 0 : 1,
    refunds,
    spend4,
    spend26,
  ]);
}

/** The columns of `dense` followed by those of `activity`, per row (what the network's aggregate input takes). */
export function withActivityColumns<
  T extends {
    n: number;
    dense: Float64Array;
    denseNames: string[];
    activity: Float64Array;
    activityNames: string[];
  },
>(s: T): T {
  const a = s.activityNames.length;
  if (a === 0) return s;
  const f = s.denseNames.length;
  const dense = new Float64Array(s.n * (f + a));
  for (let r = 0; r < s.n; r++) {
    dense.set(s.dense.subarray(r * f, (r + 1) * f), r * (f + a));
    dense.set(s.activity.subarray(r * a, (r + 1) * a), r * (f + a) + f);
  }
  return {
    ...s,
    dense,
    denseNames: [...s.denseNames, ...s.activityNames],
    activity: new Float64Array(0),
    activityNames: [],
  };
}
