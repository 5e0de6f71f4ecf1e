import { describe, expect, it } from 'vitest';
import { compareCodePoints, prefixUpperBound } from './code-point-order';

describe('code-point order', () => {
  it('orders like UTF-8 bytes (SQLite BINARY, PostgreSQL "C"), unlike UTF-16 code units', () => {
    const words = ['😀', '\uFFFD', 'b', 'a😀', 'a', '中', 'A', 'a\uFFFF', ''];
    const byUtf8 = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...words].sort(compareCodePoints)).toEqual(byUtf8);
    expect(byUtf8).toEqual(['', 'A', 'a', 'a\uFFFF', 'a😀', 'b', '中', '\uFFFD', '😀']);
    expect('😀' < '\uFFFD').toBe(true); // what plain JavaScript comparison would say
    expect(compareCodePoints('😀', '\uFFFD')).toBeGreaterThan(0);
  });

  it('prefixUpperBound bounds exactly the strings that start with the prefix', () => {
    expect(prefixUpperBound('ab')).toBe('ac');
    expect(prefixUpperBound('a\uD7FF')).toBe('a\uE000');
    expect(prefixUpperBound('a\uFFFF')).toBe('a\u{10000}');
    expect(prefixUpperBound('a\u{10FFFF}')).toBe('b');
    expect(prefixUpperBound('\u{10FFFF}')).toBeUndefined();
    expect(prefixUpperBound('')).toBeUndefined();
    const prefix = 'a\uFFFF';
    const bound = prefixUpperBound(prefix) as string;
    for (const key of ['a\uFFFF', 'a\uFFFFz', 'a\uFFFF😀', 'a😀', 'b', 'a\uFFFE']) {
      const inRange = compareCodePoints(key, prefix) >= 0 && compareCodePoints(key, bound) < 0;
      expect(inRange, key).toBe(key.startsWith(prefix));
    }
  });
});
