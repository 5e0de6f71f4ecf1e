/** Fibonacci hashing of a 32-bit key to `bits` bits. */
function slotOf(key: number, shift: number): number {
  return Math.imul(key, 0x9e3779b1) >>> shift;
}

/**
 * A set of non-negative int32 ids for one document at a time, cleared in O(1) by a generation
 * counter: open addressing with linear probing in small typed arrays that stay in cache (the
 * featurizer's de-duplication; a 2^bits stamp table would miss the cache on every id).
 * `add` returns the id's insertion index (its position in the document's id list) or -1-index
 * when it was already present.
 */
export class IdSet {
  #keys: Int32Array;
  #index: Int32Array;
  #stamp: Uint32Array;
  #generation = 1;
  #shift: number;
  #size = 0;

  constructor(bits = 10) {
    this.#keys = new Int32Array(1 << bits);
    this.#index = new Int32Array(1 << bits);
    this.#stamp = new Uint32Array(1 << bits);
    this.#shift = 32 - bits;
  }

  /** Empties the set. */
  clear(): void {
    this.#size = 0;
    this.#generation = (this.#generation + 1) >>> 0;
    if (this.#generation === 0) {
      this.#stamp.fill(0);
      this.#generation = 1;
    }
  }

  get size(): number {
    return this.#size;
  }

  /** Inserts `id`: its index (0, 1, 2, … in order of first insertion), or -1 - index if present. */
  add(id: number): number {
    if (2 * (this.#size + 1) > this.#keys.length) this.#grow();
    const mask = this.#keys.length - 1;
    let slot = slotOf(id, this.#shift);
    const generation = this.#generation;
    while (this.#stamp[slot] === generation) {
      if (this.#keys[slot] === id) return -1 - this.#index[slot];
      slot = (slot + 1) & mask;
    }
    this.#stamp[slot] = generation;
    this.#keys[slot] = id;
    this.#index[slot] = this.#size;
    return this.#size++;
  }

  #grow(): void {
    const keys = this.#keys;
    const index = this.#index;
    const stamp = this.#stamp;
    const generation = this.#generation;
    const bits = 33 - this.#shift;
    this.#keys = new Int32Array(1 << bits);
    this.#index = new Int32Array(1 << bits);
    this.#stamp = new Uint32Array(1 << bits);
    this.#shift = 32 - bits;
    this.#generation = 1;
    const mask = this.#keys.length - 1;
    for (let s = 0; s < keys.length; s++) {
      if (stamp[s] !== generation) continue;
      let slot = slotOf(keys[s], this.#shift);
      while (this.#stamp[slot] === 1) slot = (slot + 1) & mask;
      this.#stamp[slot] = 1;
      this.#keys[slot] = keys[s];
      this.#index[slot] = index[s];
    }
  }
}

/** A read-only map from uint32 keys to numbers (open addressing, typed arrays); `get` is NaN when absent. */
export class Uint32Map {
  #keys: Uint32Array;
  #values: Float64Array;
  #used: Uint8Array;
  #shift: number;

  constructor(entries: ReadonlyArray<readonly [number, number]>) {
    let bits = 4;
    while (1 << bits < 2 * entries.length + 2) bits++;
    this.#keys = new Uint32Array(1 << bits);
    this.#values = new Float64Array(1 << bits);
    this.#used = new Uint8Array(1 << bits);
    this.#shift = 32 - bits;
    const mask = (1 << bits) - 1;
    for (const [key, value] of entries) {
      let slot = slotOf(key, this.#shift);
      while (this.#used[slot] && this.#keys[slot] !== key >>> 0) slot = (slot + 1) & mask;
      this.#used[slot] = 1;
      this.#keys[slot] = key;
      this.#values[slot] = value;
    }
  }

  get(key: number): number {
    const mask = this.#keys.length - 1;
    let slot = slotOf(key, this.#shift);
    while (this.#used[slot]) {
      if (this.#keys[slot] === key) return this.#values[slot];
      slot = (slot + 1) & mask;
    }
    return Number.NaN;
  }
}
