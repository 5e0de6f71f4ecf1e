/**
 * Per-word memo of a member's in-word character n-gram ids and their weights, kept across texts:
 * a repeated word's n-grams are read back in order from two contiguous pools instead of being
 * re-hashed and looked up at random in the 2^bits weight table. Entries are keyed by the word's
 * hash and negation mark and verified against the word's code units, so a hash collision never
 * mixes two words. Bounded: once full, words are computed without being stored.
 */
export class TokenCache {
  #keys: Uint32Array;
  #entry: Int32Array;
  #count = 0;
  /** Per entry: [codeStart, codeEnd, idStart, idEnd, mark]. */
  #meta: Int32Array;
  #codes: Uint16Array;
  #codeCount = 0;
  readonly ids: Int32Array;
  readonly weights: Float32Array;
  #idCount = 0;
  /** Id range of the last `find` hit. */
  start = 0;
  end = 0;

  /** `scale` 1: up to 32,768 words and 2^20 n-grams (12 MB); 0: an empty cache that stores nothing. */
  constructor(scale = 1) {
    this.#keys = new Uint32Array(1 << 16);
    this.#entry = new Int32Array(1 << 16).fill(-1);
    this.#meta = new Int32Array(5 << 15);
    this.#codes = new Uint16Array(scale << 18);
    this.ids = new Int32Array(scale << 20);
    this.weights = new Float32Array(scale << 20);
  }

  /** Whether the word codes[start, end) with this key and mark is stored (its range in `start`/`end`). */
  find(key: number, mark: number, codes: Uint16Array, start: number, end: number): boolean {
    const mask = this.#keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 16;
    for (let e = this.#entry[slot]; e >= 0; e = this.#entry[slot]) {
      if (this.#keys[slot] === key && this.#matches(e, mark, codes, start, end)) {
        this.start = this.#meta[5 * e + 2];
        this.end = this.#meta[5 * e + 3];
        return true;
      }
      slot = (slot + 1) & mask;
    }
    return false;
  }

  #matches(e: number, mark: number, codes: Uint16Array, start: number, end: number): boolean {
    const from = this.#meta[5 * e];
    if (this.#meta[5 * e + 4] !== mark || this.#meta[5 * e + 1] - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.#codes[from + i] !== codes[start + i]) return false;
    return true;
  }

  /** Room for a word of `length` codes with up to `grams` n-grams. */
  hasRoom(length: number, grams: number): boolean {
    return (
      2 * (this.#count + 1) <= this.#keys.length &&
      this.#codeCount + length <= this.#codes.length &&
      this.#idCount + grams <= this.ids.length
    );
  }

  /** First pool index of the entry being written. */
  get idCount(): number {
    return this.#idCount;
  }

  /** Appends one n-gram id and weight to the entry being written. */
  push(id: number, weight: number): void {
    this.ids[this.#idCount] = id;
    this.weights[this.#idCount++] = weight;
  }

  /** Stores the word whose n-grams were pushed from `idStart` on. */
  commit(key: number, mark: number, codes: Uint16Array, start: number, end: number, idStart: number): void {
    const mask = this.#keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 16;
    while (this.#entry[slot] >= 0) slot = (slot + 1) & mask;
    const e = this.#count++;
    this.#keys[slot] = key;
    this.#entry[slot] = e;
    this.#codes.set(codes.subarray(start, end), this.#codeCount);
    this.#meta.set([this.#codeCount, this.#codeCount + end - start, idStart, this.#idCount, mark], 5 * e);
    this.#codeCount += end - start;
  }
}
