import type { Rng } from '@shoppilot/core';

/** A fixed-capacity ring buffer of transitions with uniform sampling (Lin 1992; Mnih et al. 2015). */
export class ReplayBuffer<T> {
  readonly capacity: number;
  readonly #items: T[] = [];
  #next = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.#items.length;
  }

  push(item: T): void {
    if (this.#items.length < this.capacity) this.#items.push(item);
    else this.#items[this.#next] = item;
    this.#next = (this.#next + 1) % this.capacity;
  }

  sample(count: number, rng: Rng): T[] {
    return Array.from(
      { length: Math.min(count, this.#items.length) },
      () => this.#items[rng.int(this.#items.length)],
    );
  }
}
