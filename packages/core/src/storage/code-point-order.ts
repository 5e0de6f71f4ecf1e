/**
 * String order by Unicode code point: the order of SQLite's BINARY collation and PostgreSQL's
 * "C" collation over UTF-8, so every adapter sorts keys, user ids and event ids the same way.
 * (JavaScript's `<` compares UTF-16 code units, which puts U+E000–U+FFFF after astral characters.)
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates (astral code points) above U+E000–U+FFFF, keeping every other order. */
function codeUnitRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/**
 * The smallest string greater than every string that starts with `prefix` (in code-point order),
 * or `undefined` when there is none. Turns "starts with" into an index-friendly range
 * `key >= prefix AND key < bound`, with no LIKE wildcards to escape.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix, (char) => char.codePointAt(0) as number);
  while (codePoints.length > 0) {
    const last = codePoints.pop() as number;
    if (last < 0x10ffff) {
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return String.fromCodePoint(...codePoints, next);
    }
  }
  return undefined;
}
