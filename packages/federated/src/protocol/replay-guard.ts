import { reject } from '../errors/protocol-rejection-error';

export interface ReplayGuardOptions {
  /** Largest accepted |now − message time| in ms; nonces are remembered this long. Default 300,000. */
  maxSkewMs?: number;
}

/**
 * Refuses a message whose timestamp is outside the window or whose (client, nonce) was seen within
 * it. Together with the round id in every update this stops replays, also across restarts.
 */
export class ReplayGuard {
  readonly maxSkewMs: number;
  #seen = new Map<string, number>();
  #checks = 0;

  constructor(options: ReplayGuardOptions = {}) {
    this.maxSkewMs = options.maxSkewMs ?? 300_000;
  }

  check(clientId: string, nonce: string, timestamp: number, now = Date.now()): void {
    if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > this.maxSkewMs) {
      reject('stale-timestamp', `message time ${timestamp} is more than ${this.maxSkewMs} ms from now`);
    }
    const key = `${clientId}\u0000${nonce}`;
    if (this.#seen.has(key)) reject('replay', `nonce ${nonce} of ${clientId} was already used`);
    this.#seen.set(key, timestamp + 2 * this.maxSkewMs);
    if (++this.#checks % 1024 === 0) this.#prune(now);
  }

  #prune(now: number): void {
    for (const [key, expires] of this.#seen) if (expires < now) this.#seen.delete(key);
  }
}
