const encoder = new TextEncoder();
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/**
 * MurmurHash3 x86 32-bit (Austin Appleby, public domain SMHasher reference) of the UTF-8 bytes of
 * a string (or of raw bytes). Returns an unsigned 32-bit integer; `seed` is taken modulo 2^32.
 * Same output as `sklearn.utils.murmurhash3_32(key, seed, positive=True)`.
 */
export function murmurHash3(data: string | Uint8Array, seed = 0): number {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  const length = bytes.length;
  const blocks = length >>> 2;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i++) {
    const j = i << 2;
    const k = bytes[j] | (bytes[j + 1] << 8) | (bytes[j + 2] << 16) | (bytes[j + 3] << 24);
    h ^= mixK(k);
    h = rotl(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = blocks << 2;
  const rest = length & 3;
  if (rest > 0) {
    let k = 0;
    if (rest >= 3) k ^= bytes[tail + 2] << 16;
    if (rest >= 2) k ^= bytes[tail + 1] << 8;
    k ^= bytes[tail];
    h ^= mixK(k);
  }
  h ^= length;
  return fmix32(h) >>> 0;
}

/** The signed form (`murmurhash3_32(key, seed, positive=False)` in scikit-learn). */
export function murmurHash3Signed(data: string | Uint8Array, seed = 0): number {
  return murmurHash3(data, seed) | 0;
}

function mixK(k: number): number {
  k = Math.imul(k, C1);
  k = rotl(k, 15);
  return Math.imul(k, C2);
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
