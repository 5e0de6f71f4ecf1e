import { murmurHash3Signed } from '@shoppilot/core';

/**
 * Signed feature hashing of tokens into `dimension` buckets (Weinberger et al. 2009): token t adds
 * `weight · sign(h)` to bucket `|h| mod dimension`, with `k` independent hashes per token so that
 * a single token is a dense-enough random code. Returns an L2-normalised vector (zeros if no tokens).
 */
export function hashTokens(
  tokens: ReadonlyArray<{ token: string; weight: number }>,
  dimension: number,
  seed: number,
  hashes = 4,
): Float32Array {
  const out = new Float32Array(dimension);
  for (const { token, weight } of tokens) {
    for (let k = 0; k < hashes; k++) {
      const h = murmurHash3Signed(token, seed * 131 + k);
      out[Math.abs(h) % dimension] += h < 0 ? -weight : weight;
    }
  }
  return normalise(out);
}

/** The tokens of a category path: every prefix, deeper prefixes weighted more (`depth / levels`). */
export function categoryTokens(path: readonly string[]): Array<{ token: string; weight: number }> {
  return path.map((_, depth) => ({
    token: `category:${path.slice(0, depth + 1).join('>')}`,
    weight: (depth + 1) / path.length,
  }));
}

/** `key=value` tokens of the attributes (numbers rounded to 3 significant digits). */
export function attributeTokens(
  attributes: Readonly<Record<string, string | number | boolean>> | undefined,
): Array<{ token: string; weight: number }> {
  if (!attributes) return [];
  return Object.entries(attributes)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({
      token: `attribute:${key}=${typeof value === 'number' ? Number(value.toPrecision(3)) : String(value)}`,
      weight: 1,
    }));
}

/** L2-normalises in place (zero vectors stay zero). */
export function normalise<T extends Float32Array | Float64Array>(vector: T): T {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i] * vector[i];
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < vector.length; i++) vector[i] *= scale;
  }
  return vector;
}
