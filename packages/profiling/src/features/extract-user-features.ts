import { InvalidArgumentError } from '@shoppilot/core';
import { type EventTable, TYPE_CODE } from '../events/event-table';
import { DEFAULT_SESSION_GAP_MS } from '../events/sessions';
import { BASE_FEATURE_NAMES } from './feature-definitions';
import { DAY_MS, type PassContext, UserAccumulator } from './user-accumulator';

export interface UserFeatureOptions {
  /** Observation end T in ms: only events with timestamp < T are used. Default: last event + 1 ms. */
  asOf?: number;
  /** Offset of local time from UTC in minutes, for the hour/weekday profile. Default 0 (UTC). */
  utcOffsetMinutes?: number;
  /** Inactivity gap that starts a new session, ms. Default 30 minutes. */
  sessionGapMs?: number;
  /** Device levels that get a share column. Default: the 4 most frequent in the table. */
  devices?: readonly string[];
  /** Channel levels that get a share column. Default: the 4 most frequent in the table. */
  channels?: readonly string[];
  /** Median price per category id. Default: medians of all priced events before T. */
  categoryMedians?: Readonly<Record<string, number>>;
}

/** A users x features matrix (row-major) with the names of its rows and columns. */
export interface UserFeatures {
  asOf: number;
  userIds: string[];
  /** Index of each row's user in the source table's `users`. */
  userIndex: Int32Array;
  names: string[];
  /** Row-major, `userIds.length * names.length`. */
  values: Float64Array;
}

/**
 * Computes the features of `FEATURE_DEFINITIONS` (plus device and channel shares) for every
 * user with at least one event before `asOf`, in one pass over the table's typed arrays.
 */
export function extractUserFeatures(table: EventTable, options: UserFeatureOptions = {}): UserFeatures {
  const asOf = options.asOf ?? lastTime(table) + 1;
  if (!Number.isFinite(asOf)) {
    throw new InvalidArgumentError({ argument: 'asOf', message: 'must be a finite time in ms', value: asOf });
  }
  const devices =
    options.devices ??
    topLevels(table, table.device, table.devices.length, asOf).map((d) => table.devices[d]);
  const channels =
    options.channels ??
    topLevels(table, table.channel, table.channels.length, asOf).map((c) => table.channels[c]);
  const ctx = passContext(table, asOf, options, devices, channels);
  const names = [
    ...BASE_FEATURE_NAMES,
    ...devices.map((d) => `device:${d}`),
    ...channels.map((c) => `channel:${c}`),
  ];
  const width = names.length;
  const rows: number[] = [];
  let values = new Float64Array(Math.max(1, table.users.length) * width);
  const accumulator = new UserAccumulator(devices.length, channels.length);
  for (let u = 0; u < table.users.length; u++) {
    accumulator.reset(ctx.nextStamp++);
    const end = table.userOffsets[u + 1];
    for (let i = table.userOffsets[u]; i < end && table.timestamp[i] < asOf; i++) accumulator.add(ctx, i);
    if (accumulator.events === 0) continue;
    writeRow(accumulator, asOf, values, rows.length * width);
    rows.push(u);
  }
  values = values.slice(0, rows.length * width);
  return { asOf, userIds: rows.map((u) => table.users[u]), userIndex: Int32Array.from(rows), names, values };
}

function lastTime(table: EventTable): number {
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < table.length; i++) if (table.timestamp[i] > last) last = table.timestamp[i];
  return table.length ? last : 0;
}

/** Level indices seen before T sorted by frequency (ties by first appearance), at most `max`. */
function topLevels(table: EventTable, column: Int32Array, levels: number, asOf: number, max = 4): number[] {
  const counts = new Float64Array(levels);
  for (let i = 0; i < column.length; i++)
    if (column[i] >= 0 && table.timestamp[i] < asOf) counts[column[i]]++;
  return Array.from(counts.keys())
    .filter((level) => counts[level] > 0)
    .sort((a, b) => counts[b] - counts[a] || a - b)
    .slice(0, max);
}

function levelColumns(vocabulary: readonly string[], levels: readonly string[]): Int32Array {
  const columns = new Int32Array(vocabulary.length).fill(-1);
  const position = new Map(levels.map((level, index) => [level, index]));
  vocabulary.forEach((value, index) => {
    columns[index] = position.get(value) ?? -1;
  });
  return columns;
}

function passContext(
  table: EventTable,
  asOf: number,
  options: UserFeatureOptions,
  devices: readonly string[],
  channels: readonly string[],
): PassContext {
  const items = table.items.length;
  const categories = table.categories.length;
  return {
    table,
    asOf,
    offsetMs: (options.utcOffsetMinutes ?? 0) * 60_000,
    sessionGapMs: options.sessionGapMs ?? DEFAULT_SESSION_GAP_MS,
    categoryMedian: categoryMedians(table, asOf, options.categoryMedians),
    deviceColumn: levelColumns(table.devices, devices),
    channelColumn: levelColumns(table.channels, channels),
    deviceLevels: devices.length,
    channelLevels: channels.length,
    lastCartTime: new Float64Array(items),
    lastCartStamp: new Int32Array(items).fill(-1),
    itemStamp: new Int32Array(items).fill(-1),
    categoryStamp: new Int32Array(categories).fill(-1),
    categoryCount: new Int32Array(categories),
    nextStamp: 0,
  };
}

/** Median price per category over priced view/click/add_cart/buy events before T (NaN: none). */
export function categoryMedians(
  table: EventTable,
  asOf: number,
  given?: Readonly<Record<string, number>>,
): Float64Array {
  const medians = new Float64Array(table.categories.length).fill(Number.NaN);
  if (given) {
    table.categories.forEach((category, index) => {
      if (given[category] !== undefined) medians[index] = given[category];
    });
    return medians;
  }
  const counts = new Int32Array(table.categories.length + 1);
  for (let i = 0; i < table.length; i++) if (priced(table, i, asOf)) counts[table.category[i] + 1]++;
  for (let c = 0; c < table.categories.length; c++) counts[c + 1] += counts[c];
  const prices = new Float64Array(counts[table.categories.length]);
  const fill = counts.slice();
  for (let i = 0; i < table.length; i++)
    if (priced(table, i, asOf)) prices[fill[table.category[i]]++] = table.price[i];
  for (let c = 0; c < table.categories.length; c++) {
    if (counts[c + 1] > counts[c]) medians[c] = median(prices.subarray(counts[c], counts[c + 1]));
  }
  return medians;
}

function priced(table: EventTable, i: number, asOf: number): boolean {
  const price = table.price[i];
  return (
    table.category[i] >= 0 && !Number.isNaN(price) && table.timestamp[i] < asOf && PRICED[table.type[i]] === 1
  );
}

const PRICED = (() => {
  const flags = new Uint8Array(32);
  for (const type of ['view', 'click', 'add_cart', 'buy'] as const) flags[TYPE_CODE[type]] = 1;
  return flags;
})();

function median(values: Float64Array): number {
  values.sort();
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

function writeRow(a: UserAccumulator, asOf: number, out: Float64Array, o: number): void {
  const gaps = a.orders - 1;
  const gapMean = gaps > 0 ? a.gapSum / gaps : Number.NaN;
  const tenure = (asOf - a.first) / DAY_MS;
  const row = [
    a.orders > 0 ? (asOf - a.lastOrder) / DAY_MS : tenure,
    a.orders,
    a.buyAmount - a.refundAmount,
    rate(a.buyAmount, a.orders),
    gapMean,
    gaps > 0 ? Math.sqrt(Math.max(0, a.gapSq / gaps - gapMean * gapMean)) : Number.NaN,
    a.views,
    a.carts,
    a.buys,
    rate(a.carts, a.views),
    rate(a.convertedCarts, a.carts),
    rate(a.buys, a.views),
    a.convertedCarts > 0 ? a.latencySum / a.convertedCarts : Number.NaN,
    a.daypart[0] / a.events,
    a.daypart[1] / a.events,
    a.daypart[2] / a.events,
    a.daypart[3] / a.events,
    a.weekend / a.events,
    a.pricedBuys > 0 ? a.priceLogSum / a.pricedBuys : Number.NaN,
    rate(a.promoBuys, a.buys),
    rate(a.comparisonSum, a.comparedBuys),
    a.reviewReads,
    a.reviewReads / Math.max(1, a.buys),
    a.dwellCount > 0 ? a.dwellSum / a.dwellCount / 1000 : Number.NaN,
    a.events30,
    a.buys30,
    a.spend30,
    a.events,
    tenure,
    a.favs,
    a.refunds / Math.max(1, a.buys),
    a.reviews,
    a.shares,
    a.invites,
    a.sessions,
    a.events / a.sessions,
  ];
  for (let k = 0; k < row.length; k++) out[o + k] = row[k];
  let k = o + row.length;
  for (let d = 0; d < a.device.length; d++) out[k++] = rate(a.device[d], a.deviceKnown);
  for (let c = 0; c < a.channel.length; c++) out[k++] = rate(a.channel[c], a.channelKnown);
}

function rate(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}
