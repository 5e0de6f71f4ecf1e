import { type InputIssue, InputValidationError } from '@shoppilot/core';

/**
 * One customer's repeat-purchase summary over a calibration window, in the notation of Fader,
 * Hardie & Lee (2005): `frequency` x = number of repeat purchases (purchase periods after the
 * first), `recency` t_x = time of the last purchase measured from the first, `T` = time from the
 * first purchase to the end of the window. Time in any consistent unit (days, weeks).
 */
export interface RfmRow {
  frequency: number;
  recency: number;
  T: number;
}

/** Distinct (x, t_x, T) triples with their counts: likelihoods are evaluated once per triple. */
export interface CompressedRfm {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** Number of customers (sum of weights). */
  customers: number;
}

/** Checks every row (naming the first bad ones) and groups identical triples. */
export function compressRfm(rows: readonly RfmRow[], source = 'rfm'): CompressedRfm {
  validateRfm(rows, source);
  const index = new Map<string, number>();
  const f: number[] = [];
  const r: number[] = [];
  const t: number[] = [];
  const w: number[] = [];
  for (const row of rows) {
    const key = `${row.frequency}|${row.recency}|${row.T}`;
    const at = index.get(key);
    if (at !== undefined) {
      w[at]++;
      continue;
    }
    index.set(key, f.length);
    f.push(row.frequency);
    r.push(row.recency);
    t.push(row.T);
    w.push(1);
  }
  return {
    frequency: Float64Array.from(f),
    recency: Float64Array.from(r),
    T: Float64Array.from(t),
    weight: Float64Array.from(w),
    customers: rows.length,
  };
}

/** Throws `InputValidationError` listing up to 20 bad rows (1-based). */
export function validateRfm(rows: readonly RfmRow[], source = 'rfm'): void {
  const issues: InputIssue[] = [];
  if (rows.length === 0) issues.push({ file: source, message: 'no customers' });
  for (let i = 0; i < rows.length && issues.length < 20; i++) {
    const { frequency: x, recency, T } = rows[i];
    const at = { file: source, row: i + 1 };
    if (!(Number.isInteger(x) && x >= 0))
      issues.push({ ...at, field: 'frequency', message: 'must be an integer >= 0', received: String(x) });
    else if (!(Number.isFinite(T) && T >= 0))
      issues.push({ ...at, field: 'T', message: 'must be a finite number >= 0', received: String(T) });
    else if (!(Number.isFinite(recency) && recency >= 0 && recency <= T))
      issues.push({ ...at, field: 'recency', message: 'must be within [0, T]', received: String(recency) });
    else if (x === 0 && recency !== 0)
      issues.push({
        ...at,
        field: 'recency',
        message: 'must be 0 when frequency is 0',
        received: String(recency),
      });
  }
  if (issues.length) throw new InputValidationError({ issues });
}
