/** The best `k` entries of a score vector, best first. */
export interface TopK {
  indices: Int32Array;
  scores: Float64Array;
}

/**
 * A fixed-capacity min-heap of (score, index) that keeps the `k` largest scores. Ties are broken
 * towards the smaller index, so results are deterministic.
 */
export class TopKHeap {
  readonly capacity: number;
  readonly #scores: Float64Array;
  readonly #indices: Int32Array;
  #size = 0;

  constructor(k: number) {
    this.capacity = Math.max(0, Math.floor(k));
    this.#scores = new Float64Array(this.capacity);
    this.#indices = new Int32Array(this.capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** The smallest kept score (the bar a new entry must beat), or -Infinity while not full. */
  get threshold(): number {
    return this.#size < this.capacity ? Number.NEGATIVE_INFINITY : this.#scores[0];
  }

  /** Offers an entry; returns whether it was kept. */
  push(score: number, index: number): boolean {
    if (this.capacity === 0 || Number.isNaN(score)) return false;
    if (this.#size < this.capacity) {
      this.#scores[this.#size] = score;
      this.#indices[this.#size] = index;
      this.#siftUp(this.#size++);
      return true;
    }
    if (!worse(this.#scores[0], this.#indices[0], score, index)) return false;
    this.#scores[0] = score;
    this.#indices[0] = index;
    this.#siftDown(0);
    return true;
  }

  /** The kept entries, best first (the heap is left empty). */
  drain(): TopK {
    const n = this.#size;
    const indices = new Int32Array(n);
    const scores = new Float64Array(n);
    for (let k = n - 1; k >= 0; k--) {
      scores[k] = this.#scores[0];
      indices[k] = this.#indices[0];
      this.#size--;
      if (this.#size > 0) {
        this.#scores[0] = this.#scores[this.#size];
        this.#indices[0] = this.#indices[this.#size];
        this.#siftDown(0);
      }
    }
    return { indices, scores };
  }

  #siftUp(position: number): void {
    const scores = this.#scores;
    const indices = this.#indices;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (!worse(scores[position], indices[position], scores[parent], indices[parent])) break;
      this.#swap(position, parent);
      position = parent;
    }
  }

  #siftDown(position: number): void {
    const scores = this.#scores;
    const indices = this.#indices;
    for (;;) {
      const left = 2 * position + 1;
      if (left >= this.#size) return;
      let smallest = left;
      const right = left + 1;
      if (right < this.#size && worse(scores[right], indices[right], scores[left], indices[left]))
        smallest = right;
      if (!worse(scores[smallest], indices[smallest], scores[position], indices[position])) return;
      this.#swap(position, smallest);
      position = smallest;
    }
  }

  #swap(a: number, b: number): void {
    const score = this.#scores[a];
    this.#scores[a] = this.#scores[b];
    this.#scores[b] = score;
    const index = this.#indices[a];
    this.#indices[a] = this.#indices[b];
    this.#indices[b] = index;
  }
}

/** Whether entry (s1, i1) ranks below (s2, i2): lower score, or equal score and larger index. */
function worse(s1: number, i1: number, s2: number, i2: number): boolean {
  return s1 < s2 || (s1 === s2 && i1 > i2);
}

/**
 * The `k` best entries of `scores` (NaN and excluded entries skipped), best first.
 * `exclude` marks indices to skip (a Uint8Array mask or a predicate).
 */
export function topK(
  scores: ArrayLike<number>,
  k: number,
  exclude?: Uint8Array | ((index: number) => boolean),
): TopK {
  const heap = new TopKHeap(Math.min(k, scores.length));
  const n = scores.length;
  if (!exclude) {
    for (let i = 0; i < n; i++) {
      const s = scores[i];
      if (s > heap.threshold || heap.size < heap.capacity) heap.push(s, i);
    }
  } else if (exclude instanceof Uint8Array) {
    for (let i = 0; i < n; i++) if (!exclude[i]) heap.push(scores[i], i);
  } else {
    for (let i = 0; i < n; i++) if (!exclude(i)) heap.push(scores[i], i);
  }
  return heap.drain();
}
