import type { Interactions } from './interactions';

/**
 * Compressed sparse rows: row `r` owns positions `offsets[r] .. offsets[r + 1]` of `columns`
 * (and of `times` / `values`). Used for user histories (user → items, time-ordered) and for the
 * transpose (item → users).
 */
export interface SparseRows {
  readonly rows: number;
  readonly columns: number;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/**
 * The rows with only the entries at `positions` (indices into `rows.indices`, in order), where
 * `offsets` gives each row's range within `positions`.
 */
export function pickEntries(rows: SparseRows, positions: readonly number[], offsets: Int32Array): SparseRows {
  return {
    rows: rows.rows,
    columns: rows.columns,
    offsets,
    indices: Int32Array.from(positions, (k) => rows.indices[k]),
    times: Float64Array.from(positions, (k) => rows.times[k]),
    values: Float64Array.from(positions, (k) => rows.values[k]),
  };
}

export interface HistoryOptions {
  /** `time` orders each user's items by timestamp (ties keep input order); `input` keeps input order. Default `time`. */
  order?: 'time' | 'input';
  /** `keep` keeps repeated (user, item) pairs; `first`/`last` keep one . Default `keep`. */
  duplicates?: 'keep' | 'first' | 'last';
}

/** One row per user with the user's items (time-ordered by default). */
export function userHistories(data: Interactions, options: HistoryOptions = {}): SparseRows {
  return groupRows(data.users, data.items, data.userIds.length, data.itemIds.length, data, options);
}

/** One row per item with the users that interacted with it (time-ordered by default). */
export function itemHistories(data: Interactions, options: HistoryOptions = {}): SparseRows {
  return groupRows(data.items, data.users, data.itemIds.length, data.userIds.length, data, options);
}

function groupRows(
  keys: Int32Array,
  columns: Int32Array,
  rows: number,
  width: number,
  data: Interactions,
  options: HistoryOptions,
): SparseRows {
  const order = stableOrder(keys, rows, options.order === 'input' ? undefined : data.times);
  const kept =
    options.duplicates && options.duplicates !== 'keep'
      ? dedupe(order, keys, columns, data, options.duplicates)
      : order;
  const offsets = new Int32Array(rows + 1);
  for (const position of kept) offsets[keys[position] + 1]++;
  for (let r = 0; r < rows; r++) offsets[r + 1] += offsets[r];
  const n = kept.length;
  const out = { indices: new Int32Array(n), times: new Float64Array(n), values: new Float64Array(n) };
  kept.forEach((position, k) => {
    out.indices[k] = columns[position];
    out.times[k] = data.times[position];
    out.values[k] = data.weights[position];
  });
  return { rows, columns: width, offsets, ...out };
}

/** Positions sorted by (key, time, position): a counting sort by key, then a time sort inside. */
function stableOrder(keys: Int32Array, rows: number, times: Float64Array | undefined): Int32Array {
  const counts = new Int32Array(rows + 1);
  for (let i = 0; i < keys.length; i++) counts[keys[i] + 1]++;
  for (let r = 0; r < rows; r++) counts[r + 1] += counts[r];
  const next = counts.slice(0, rows);
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[next[keys[i]]++] = i;
  if (!times) return order;
  for (let r = 0; r < rows; r++) {
    const slice = Array.from(order.subarray(counts[r], counts[r + 1]));
    slice.sort((a, b) => times[a] - times[b] || a - b);
    order.set(slice, counts[r]);
  }
  return order;
}

function dedupe(
  order: Int32Array,
  keys: Int32Array,
  columns: Int32Array,
  data: Interactions,
  keep: 'first' | 'last',
): Int32Array {
  const chosen = new Map<number, number>();
  const width = Math.max(1, data.itemIds.length, data.userIds.length);
  for (const position of order) {
    const pair = keys[position] * width + columns[position];
    const seen = chosen.get(pair);
    if (seen === undefined || keep === 'last') chosen.set(pair, position);
  }
  return order.filter((position) => chosen.get(keys[position] * width + columns[position]) === position);
}

/** The items of row `r` (a view, no copy). */
export function rowIndices(rows: SparseRows, r: number): Int32Array {
  return rows.indices.subarray(rows.offsets[r], rows.offsets[r + 1]);
}

/** The times of row `r` (a view). */
export function rowTimes(rows: SparseRows, r: number): Float64Array {
  return rows.times.subarray(rows.offsets[r], rows.offsets[r + 1]);
}

/** The values of row `r` (a view). */
export function rowValues(rows: SparseRows, r: number): Float64Array {
  return rows.values.subarray(rows.offsets[r], rows.offsets[r + 1]);
}

/** Number of entries of each row. */
export function rowLengths(rows: SparseRows): Int32Array {
  const out = new Int32Array(rows.rows);
  for (let r = 0; r < rows.rows; r++) out[r] = rows.offsets[r + 1] - rows.offsets[r];
  return out;
}

/** Distinct column count per column index over all rows (e.g. item popularity in users). */
export function columnCounts(rows: SparseRows): Float64Array {
  const out = new Float64Array(rows.columns);
  for (let k = 0; k < rows.indices.length; k++) out[rows.indices[k]]++;
  return out;
}
