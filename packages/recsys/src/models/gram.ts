import type { SparseRows } from '../data/histories';

/**
 * Adds `weight · XᵀX` to the dense row-major `n x n` matrix `gram`, where the rows of X are the
 * rows of `rows` as binary item sets (duplicates inside a row count once).
 */
export function addGram(gram: Float64Array, rows: SparseRows, weight = 1): void {
  const n = rows.columns;
  const seen = new Int32Array(n).fill(-1);
  const items: number[] = [];
  for (let r = 0; r < rows.rows; r++) {
    items.length = 0;
    for (let k = rows.offsets[r]; k < rows.offsets[r + 1]; k++) {
      const item = rows.indices[k];
      if (seen[item] === r) continue;
      seen[item] = r;
      items.push(item);
    }
    for (const a of items) {
      const row = a * n;
      for (const b of items) gram[row + b] += weight;
    }
  }
}

/**
 * Cuts each user's time-ordered row into sessions wherever two consecutive events are more than
 * `gap` apart, and returns the sessions as rows.
 */
export function sessionRows(rows: SparseRows, gap: number): SparseRows {
  const offsets: number[] = [0];
  for (let r = 0; r < rows.rows; r++) {
    for (let k = rows.offsets[r]; k < rows.offsets[r + 1]; k++) {
      if (k > rows.offsets[r] && rows.times[k] - rows.times[k - 1] > gap) offsets.push(k);
    }
    if (rows.offsets[r + 1] > offsets[offsets.length - 1]) offsets.push(rows.offsets[r + 1]);
  }
  return {
    rows: offsets.length - 1,
    columns: rows.columns,
    offsets: Int32Array.from(offsets),
    indices: rows.indices,
    times: rows.times,
    values: rows.values,
  };
}
