import { createRng } from '@shoppilot/core';
import type { ClientRecord } from './round-log';

/** Registered clients, when each was last heard from, and who is holding a poll open. */
export class ClientRegistry {
  readonly records = new Map<string, ClientRecord>();
  readonly #lastSeen = new Map<string, number>();
  readonly #polling = new Map<string, number>();

  constructor(records?: Map<string, ClientRecord>) {
    for (const [id, record] of records ?? []) this.records.set(id, record);
  }

  seen(id: string): void {
    this.#lastSeen.set(id, Date.now());
  }

  pollStarted(id: string): void {
    this.#polling.set(id, (this.#polling.get(id) ?? 0) + 1);
    this.seen(id);
  }

  pollEnded(id: string): void {
    const open = (this.#polling.get(id) ?? 1) - 1;
    if (open > 0) this.#polling.set(id, open);
    else this.#polling.delete(id);
    this.seen(id);
  }

  /** Registered clients polling now or heard from within `livenessMs`, sorted. */
  live(livenessMs: number, now = Date.now()): string[] {
    return [...this.records.keys()]
      .filter((id) => this.#polling.has(id) || now - (this.#lastSeen.get(id) ?? 0) <= livenessMs)
      .sort();
  }

  /** A seeded sample of `count` of the candidates (all of them when count is 0 or larger). */
  select(candidates: readonly string[], count: number, seed: number): string[] {
    if (count <= 0 || count >= candidates.length) return [...candidates];
    return createRng(seed)
      .shuffle([...candidates])
      .slice(0, count)
      .sort();
  }
}
