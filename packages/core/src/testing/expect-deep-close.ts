import { expect } from 'vitest';

/**
 * Deep equality where numbers (also inside typed arrays) may differ by `tolerance`.
 * NaN equals NaN; the failure message names the path.
 */
export function expectDeepClose(actual: unknown, expected: unknown, tolerance = 1e-9, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected) && Number.isNaN(actual)) return;
    if (expected === actual) return;
    const diff = Math.abs(actual - expected);
    expect(diff <= tolerance, `${path}: ${actual} vs ${expected} (|diff| ${diff} > ${tolerance})`).toBe(true);
    return;
  }
  if (ArrayBuffer.isView(expected) || Array.isArray(expected)) {
    const a = toArray(actual, path);
    const e = toArray(expected, path);
    expect(a.length, `${path}: length`).toBe(e.length);
    for (let i = 0; i < e.length; i++) expectDeepClose(a[i], e[i], tolerance, `${path}[${i}]`);
    return;
  }
  if (expected instanceof Map) {
    expect(actual instanceof Map, `${path}: expected a Map`).toBe(true);
    const a = actual as Map<unknown, unknown>;
    expect([...a.keys()], `${path}: keys`).toEqual([...expected.keys()]);
    for (const [key, value] of expected)
      expectDeepClose(a.get(key), value, tolerance, `${path}.get(${String(key)})`);
    return;
  }
  if (expected !== null && typeof expected === 'object' && !(expected instanceof Date)) {
    expect(actual !== null && typeof actual === 'object', `${path}: expected an object`).toBe(true);
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${path}: keys`).toEqual(Object.keys(e).sort());
    for (const key of Object.keys(e)) expectDeepClose(a[key], e[key], tolerance, `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

function toArray(value: unknown, path: string): ArrayLike<unknown> {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return value as unknown as ArrayLike<unknown>;
  throw new Error(`${path}: expected an array, got ${typeof value}`);
}
