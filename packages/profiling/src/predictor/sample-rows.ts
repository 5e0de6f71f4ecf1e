import { HISTORY_WIDTH } from './category-history';
import type { PurchaseSamples } from './purchase-samples';

type RowArray = Int32Array | Float32Array | Float64Array | Uint8Array;
type RowField =
  | 'types'
  | 'items'
  | 'categories'
  | 'gaps'
  | 'ages'
  | 'sizes'
  | 'context'
  | 'dense'
  | 'activity'
  | 'buy'
  | 'nextCategory'
  | 'cutoff'
  | 'userIndex'
  | 'historyCategories'
  | 'historyCounts'
  | 'historyTotal';

/** Every per-row array of the samples with its width per row. */
function rowFields(s: PurchaseSamples): Array<[RowField, number]> {
  const L = s.maxLength;
  return [
    ['types', L],
    ['items', L],
    ['categories', L],
    ['gaps', L],
    ['ages', L],
    ['sizes', L],
    ['context', s.contextWidth],
    ['dense', s.denseNames.length],
    ['activity', s.activityNames.length],
    ['buy', 1],
    ['nextCategory', 1],
    ['cutoff', 1],
    ['userIndex', 1],
    ['historyCategories', HISTORY_WIDTH],
    ['historyCounts', HISTORY_WIDTH],
    ['historyTotal', 1],
  ];
}

function sameType<T extends RowArray>(a: T, length: number): T {
  return new (a.constructor as new (n: number) => T)(length);
}

/** The rows for which `keep(row)` is true, in order. */
export function selectSamples(s: PurchaseSamples, keep: (row: number) => boolean): PurchaseSamples {
  const rows = Array.from({ length: s.n }, (_, r) => r).filter(keep);
  const out: PurchaseSamples = { ...s, n: rows.length };
  for (const [field, w] of rowFields(s)) {
    const a = s[field] as RowArray;
    const picked = sameType(a, rows.length * w);
    for (let k = 0; k < rows.length; k++) picked.set(a.subarray(rows[k] * w, (rows[k] + 1) * w), k * w);
    (out[field] as RowArray) = picked;
  }
  return out;
}

/** Rows of `a` followed by rows of `b` (same layout). */
export function concatRows(a: PurchaseSamples, b: PurchaseSamples): PurchaseSamples {
  const out: PurchaseSamples = { ...a, n: a.n + b.n };
  for (const [field] of rowFields(a)) {
    const x = a[field] as RowArray;
    const y = b[field] as RowArray;
    const joined = sameType(x, x.length + y.length);
    joined.set(x);
    joined.set(y, x.length);
    (out[field] as RowArray) = joined;
  }
  return out;
}
