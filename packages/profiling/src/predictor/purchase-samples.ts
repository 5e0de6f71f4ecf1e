import { InvalidArgumentError } from '@shoppilot/core';
import { type EventTable, TYPE_CODE } from '../events/event-table';
import { extractUserFeatures } from '../features/extract-user-features';
import { activityFeatureNames, activityRow } from './activity-features';
import { type CategoryHistory, fillCategoryHistory, HISTORY_WIDTH } from './category-history';
import { DEFAULT_DENSE_FEATURES, denseRow } from './dense-features';
import { fillSequence, type SequenceSource } from './sample-sequence';
import { indexMap, OOV_ID, type SequenceVocabulary } from './vocabulary';

const DAY_MS = 86_400_000;

export interface SampleOptions {
  /** Events per sequence (the most recent ones; shorter histories are left-padded). Default 50. */
  maxLength?: number;
  /** Prediction window after each cutoff, ms. Default 7 days. */
  horizonMs?: number;
  /** Only users with an event in the `activeWithinMs` before the cutoff. Default: any history. */
  activeWithinMs?: number;
  /** Aggregate features fed to the model (and the logistic baseline). Default `DEFAULT_DENSE_FEATURES`. */
  denseFeatures?: readonly string[];
  /** Offset of local time from UTC in minutes (hour/weekday context). Default 0. */
  utcOffsetMinutes?: number;
  /**
   * Merge consecutive events with the same timestamp and type into one step (the lines of an
   * invoice become one order; its category is the most frequent one, its size is bucketed), so
   * `maxLength` steps reach further back. Default false.
   */
  mergeSameTime?: boolean;
  /** Time buckets per doubling of the gap / age (finer = 2 or 4). Default 1. */
  timeResolution?: number;
  /** Events counted for the per-user category history (most-frequent prior). Default 50. */
  categoryHistory?: number;
  /**
   * Weekly buy indicators in the purchase-rhythm features (`activityRow`: weeks with a buy, purchase
   * days per window, gaps, recency relative to the own gap, spend); 0 = no rhythm features. The
   * Transformer's aggregate input and wide path take them; the logistic baseline does not. Default 0.
   */
  activityWeeks?: number;
}

/** One row per (user, cutoff): the sequence before the cutoff and what happened after it. */
export interface PurchaseSamples extends CategoryHistory {
  n: number;
  maxLength: number;
  /** Size of the gap / age vocabularies: 32 x timeResolution + 1 (0 = padding). */
  timeVocab: number;
  /** Behaviour type code + 1 (0 = padding), n x maxLength. */
  types: Int32Array;
  items: Int32Array;
  categories: Int32Array;
  /** Bucketed log2 seconds since the previous event (`timeBucket`; 0 = padding). */
  gaps: Int32Array;
  /** Bucketed log2 seconds from the step to the cutoff (`timeBucket`; 0 = padding). */
  ages: Int32Array;
  /** Bucketed number of events merged into the step (`sizeBucket`, 1 without merging; 0 = padding). */
  sizes: Int32Array;
  /** Context per row: sin/cos of hour and weekday of the last event, then device one-hot. */
  context: Float32Array;
  contextWidth: number;
  /** Raw aggregate features as of the cutoff (see `denseFeatures`), n x denseWidth. */
  dense: Float64Array;
  denseNames: string[];
  /** Purchase-rhythm features as of the cutoff (`activityFeatureNames`; empty with `activityWeeks` 0), n x width. */
  activity: Float64Array;
  activityNames: string[];
  /** 1 when the user bought within the horizon. */
  buy: Uint8Array;
  /** Vocabulary id of the category of the first buy within the horizon, -1 without a buy. */
  nextCategory: Int32Array;
  cutoff: Float64Array;
  userIndex: Int32Array;
}

function firstAtOrAfter(time: Float64Array, start: number, end: number, t: number): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Builder extends SequenceSource {
  vocabulary: SequenceVocabulary;
  deviceColumn: Int32Array;
  options: Required<Omit<SampleOptions, 'activeWithinMs'>> & { activeWithinMs?: number };
  rows: Array<{
    user: number;
    cutoff: number;
    start: number;
    end: number;
    featureRow: number;
    features: Float64Array;
    names: string[];
  }>;
}

/**
 * Builds samples for every user with history before each cutoff: the last `maxLength` events
 * (type, item, category, gap and age buckets), context, aggregate features as of the cutoff
 * (point-in-time), and the labels: a buy in [cutoff, cutoff + horizon) and its category.
 */
export function buildPurchaseSamples(
  table: EventTable,
  cutoffs: readonly number[],
  vocabulary: SequenceVocabulary,
  options: SampleOptions = {},
): PurchaseSamples {
  const resolved = {
    maxLength: options.maxLength ?? 50,
    horizonMs: options.horizonMs ?? 7 * DAY_MS,
    denseFeatures: options.denseFeatures ?? DEFAULT_DENSE_FEATURES,
    utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
    activeWithinMs: options.activeWithinMs,
    mergeSameTime: options.mergeSameTime ?? false,
    timeResolution: options.timeResolution ?? 1,
    categoryHistory: options.categoryHistory ?? 50,
    activityWeeks: options.activityWeeks ?? 0,
  };
  if (!Number.isInteger(resolved.maxLength) || resolved.maxLength < 1) {
    throw new InvalidArgumentError({
      argument: 'maxLength',
      message: 'must be a positive integer',
      value: resolved.maxLength,
    });
  }
  for (const [name, value, max] of [
    ['timeResolution', resolved.timeResolution, 8],
    ['categoryHistory', resolved.categoryHistory, 1e6],
    ['activityWeeks', resolved.activityWeeks, 520],
  ] as const) {
    const min = name === 'activityWeeks' ? 0 : 1;
    if (!Number.isInteger(value) || value < min || value > max)
      throw new InvalidArgumentError({
        argument: name,
        message: `must be an integer in [${min}, ${max}]`,
        value,
      });
  }
  const builder: Builder = {
    table,
    vocabulary,
    itemIds: indexMap(table.items, vocabulary.items),
    categoryIds: indexMap(table.categories, vocabulary.categories),
    deviceColumn: indexMap(table.devices, vocabulary.devices),
    mergeSameTime: resolved.mergeSameTime,
    timeResolution: resolved.timeResolution,
    counts: new Int32Array(vocabulary.categories.length + 2),
    options: resolved,
    rows: [],
  };
  for (const cutoff of cutoffs) collectRows(builder, cutoff);
  return fillSamples(builder);
}

function collectRows(builder: Builder, cutoff: number): void {
  const { table, options } = builder;
  const features = extractUserFeatures(table, {
    asOf: cutoff,
    utcOffsetMinutes: options.utcOffsetMinutes,
    devices: [],
    channels: [],
  });
  const rowOf = new Int32Array(table.users.length).fill(-1);
  features.userIndex.forEach((u, row) => {
    rowOf[u] = row;
  });
  for (let u = 0; u < table.users.length; u++) {
    const start = table.userOffsets[u];
    const end = firstAtOrAfter(table.timestamp, start, table.userOffsets[u + 1], cutoff);
    if (end === start || rowOf[u] < 0) continue;
    if (options.activeWithinMs !== undefined && cutoff - table.timestamp[end - 1] > options.activeWithinMs)
      continue;
    builder.rows.push({
      user: u,
      cutoff,
      start,
      end,
      featureRow: rowOf[u],
      features: features.values,
      names: features.names,
    });
  }
}

function fillSamples(builder: Builder): PurchaseSamples {
  const { table, options, vocabulary } = builder;
  const n = builder.rows.length;
  const L = options.maxLength;
  const contextWidth = 4 + vocabulary.devices.length;
  const width = options.denseFeatures.length;
  const activityNames = options.activityWeeks > 0 ? activityFeatureNames(options.activityWeeks) : [];
  const samples: PurchaseSamples = {
    n,
    maxLength: L,
    timeVocab: 32 * options.timeResolution + 1,
    types: new Int32Array(n * L),
    items: new Int32Array(n * L),
    categories: new Int32Array(n * L),
    gaps: new Int32Array(n * L),
    ages: new Int32Array(n * L),
    sizes: new Int32Array(n * L),
    context: new Float32Array(n * contextWidth),
    contextWidth,
    dense: new Float64Array(n * width),
    denseNames: [...options.denseFeatures],
    activity: new Float64Array(n * activityNames.length),
    activityNames,
    buy: new Uint8Array(n),
    nextCategory: new Int32Array(n).fill(-1),
    cutoff: new Float64Array(n),
    userIndex: new Int32Array(n),
    historyCategories: new Int32Array(n * HISTORY_WIDTH),
    historyCounts: new Float32Array(n * HISTORY_WIDTH),
    historyTotal: new Float32Array(n),
  };
  builder.rows.forEach((row, r) => {
    fillSequence(builder, samples, r, row.start, row.end, row.cutoff);
    fillCategoryHistory(table, builder.categoryIds, samples, r, row.start, row.end, options.categoryHistory);
    fillContext(builder, samples, r, row.end - 1);
    samples.dense.set(denseRow(row.features, row.names, row.featureRow, options.denseFeatures), r * width);
    if (activityNames.length)
      samples.activity.set(
        activityRow(table, row.start, row.end, row.cutoff, options.activityWeeks, options.horizonMs),
        r * activityNames.length,
      );
    fillLabels(builder, samples, r, row.user, row.end, row.cutoff);
    samples.cutoff[r] = row.cutoff;
    samples.userIndex[r] = row.user;
  });
  return samples;
}

function fillContext(builder: Builder, s: PurchaseSamples, r: number, last: number): void {
  const { table, options } = builder;
  const local = table.timestamp[last] + options.utcOffsetMinutes * 60_000;
  const day = Math.floor(local / DAY_MS);
  const hour = (local - day * DAY_MS) / 3_600_000;
  const weekday = (((day + 4) % 7) + 7) % 7;
  const o = r * s.contextWidth;
  s.context[o] = Math.sin((2 * Math.PI * hour) / 24);
  s.context[o + 1] = Math.cos((2 * Math.PI * hour) / 24);
  s.context[o + 2] = Math.sin((2 * Math.PI * weekday) / 7);
  s.context[o + 3] = Math.cos((2 * Math.PI * weekday) / 7);
  const device = table.device[last];
  if (device >= 0) {
    const column = builder.deviceColumn[device] - 2;
    if (column >= 0) s.context[o + 4 + column] = 1;
  }
}

function fillLabels(
  builder: Builder,
  s: PurchaseSamples,
  r: number,
  user: number,
  from: number,
  cutoff: number,
): void {
  const { table, options } = builder;
  const end = table.userOffsets[user + 1];
  for (let i = from; i < end && table.timestamp[i] < cutoff + options.horizonMs; i++) {
    if (table.type[i] !== TYPE_CODE.buy) continue;
    s.buy[r] = 1;
    s.nextCategory[r] = table.category[i] >= 0 ? builder.categoryIds[table.category[i]] : OOV_ID;
    return;
  }
}
