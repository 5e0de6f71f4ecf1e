/**
 * JSON with object keys sorted at every level, so equal values always give the same string
 * (used to derive the template model's seed from a request). Functions, symbols and AbortSignals
 * are skipped; typed arrays become plain arrays.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(normalise(value, 0)) ?? 'undefined';
}

function normalise(value: unknown, depth: number): unknown {
  if (depth > 64) return '[deep]';
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  }
  if (typeof AbortSignal !== 'undefined' && value instanceof AbortSignal) return undefined;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map((item) => normalise(item, depth + 1) ?? null);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return normalise(Object.fromEntries(value), depth + 1);
  if (value instanceof Set) return normalise([...value], depth + 1);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = normalise((value as Record<string, unknown>)[key], depth + 1);
    if (item !== undefined) out[key] = item;
  }
  return out;
}
