/**
 * A binary heap of (distance, id) pairs, min-first or max-first, growing as needed. Used by the
 * HNSW layer search (a min-heap of candidates and a max-heap of the current best).
 */
export class DistanceHeap {
  #distances: Float64Array;
  #ids: Int32Array;
  #size = 0;
  readonly #sign: number;

  constructor(order: 'min' | 'max', capacity = 64) {
    this.#sign = order === 'min' ? 1 : -1;
    this.#distances = new Float64Array(capacity);
    this.#ids = new Int32Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  clear(): void {
    this.#size = 0;
  }

  /** Distance at the top (smallest for min, largest for max). */
  peekDistance(): number {
    return this.#distances[0];
  }

  peekId(): number {
    return this.#ids[0];
  }

  push(distance: number, id: number): void {
    if (this.#size === this.#distances.length) this.#grow();
    let position = this.#size++;
    const sign = this.#sign;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (sign * this.#distances[parent] <= sign * distance) break;
      this.#distances[position] = this.#distances[parent];
      this.#ids[position] = this.#ids[parent];
      position = parent;
    }
    this.#distances[position] = distance;
    this.#ids[position] = id;
  }

  /** Removes the top; read it with `peekDistance`/`peekId` first. */
  pop(): void {
    const last = --this.#size;
    if (last <= 0) return;
    this.#siftDown(this.#distances[last], this.#ids[last]);
  }

  /** Replaces the top by (distance, id): a pop and a push in one sift (the heap must be non-empty). */
  replaceTop(distance: number, id: number): void {
    this.#siftDown(distance, id);
  }

  #siftDown(distance: number, id: number): void {
    const size = this.#size;
    const distances = this.#distances;
    const ids = this.#ids;
    const sign = this.#sign;
    let position = 0;
    for (;;) {
      let child = 2 * position + 1;
      if (child >= size) break;
      if (child + 1 < size && sign * distances[child + 1] < sign * distances[child]) child++;
      if (sign * distances[child] >= sign * distance) break;
      distances[position] = distances[child];
      ids[position] = ids[child];
      position = child;
    }
    distances[position] = distance;
    ids[position] = id;
  }

  /** The entries sorted by distance ascending (the heap is emptied). */
  drainAscending(): { distances: Float64Array; ids: Int32Array } {
    const n = this.#size;
    const distances = new Float64Array(n);
    const ids = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const slot = this.#sign === 1 ? k : n - 1 - k;
      distances[slot] = this.peekDistance();
      ids[slot] = this.peekId();
      this.pop();
    }
    return { distances, ids };
  }

  #grow(): void {
    const distances = new Float64Array(this.#distances.length * 2);
    distances.set(this.#distances);
    const ids = new Int32Array(this.#ids.length * 2);
    ids.set(this.#ids);
    this.#distances = distances;
    this.#ids = ids;
  }
}
