import type { GapPolicy } from './types';

/**
 * Fills NaN entries of `values` in place by a policy: `zero` (sales with no row sold nothing),
 * `forward-fill` (a price stays until it changes) or `missing` (left as NaN). Returns how many
 * entries were filled. Forward-fill cannot fill before the first value; those stay NaN.
 */
export function fillGaps(values: Float64Array, policy: GapPolicy): number {
  let filled = 0;
  if (policy === 'missing') return 0;
  let last = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) {
      last = values[i];
      continue;
    }
    const value = policy === 'zero' ? 0 : last;
    if (!Number.isNaN(value)) {
      values[i] = value;
      filled++;
    }
  }
  return filled;
}

const MISSING_TOKENS = new Set(['', 'na', 'nan', 'null', 'none', '?']);

/**
 * Reads a cell as a number: finite numbers pass, empty/NA cells give NaN (missing), anything
 * else gives `undefined` (not a number — the caller reports it).
 */
export function readNumber(value: unknown): number | undefined {
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : Number.isNaN(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = String(value).trim();
  if (MISSING_TOKENS.has(text.toLowerCase())) return Number.NaN;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}
