/**
 * Concatenates the pieces of a reason into one flat string. A template literal builds a rope that
 * keeps every piece (and every formatted number) alive as long as the reason lives; for 100,000
 * decisions those ropes were most of what the garbage collector had to copy. `join` copies once.
 */
export function text(...parts: string[]): string {
  return parts.join('');
}
