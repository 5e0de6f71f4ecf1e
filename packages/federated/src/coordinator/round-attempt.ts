import { randomBytes } from 'node:crypto';
import type { RevealedKey } from '../crypto/mask-protocol';
import { reject } from '../errors/protocol-rejection-error';
import type { UpdateRequest } from '../protocol/messages';
import type { UpdateAccumulator } from './update-accumulator';

export interface AttemptInit {
  round: number;
  attempt: number;
  selected: string[];
  weights: Map<string, number>;
  quorum: number;
  deadline: number;
  accumulator: UpdateAccumulator;
  /** Masking: each selected client's X25519 public key, frozen for the attempt. */
  maskingKeys?: Map<string, Uint8Array>;
}

/**
 * One attempt at one round: who was selected, what arrived, and the phase. Updates are taken once
 * per client and only while collecting; anything else is refused with the reason.
 */
export class RoundAttempt {
  readonly round: number;
  readonly attempt: number;
  readonly roundId = randomBytes(12).toString('hex');
  readonly startedAt = Date.now();
  readonly selected: string[];
  readonly weights: Map<string, number>;
  readonly weightScale: number;
  readonly quorum: number;
  readonly accumulator: UpdateAccumulator;
  readonly maskingKeys?: Map<string, Uint8Array>;
  deadline: number;
  phase: 'collect' | 'recover' | 'closed' = 'collect';
  readonly contributors: string[] = [];
  readonly metrics = new Map<string, Record<string, number>>();
  readonly bytes: Record<string, { up: number; down: number }> = {};
  readonly refused: Array<{ clientId: string; reason: string }> = [];
  readonly revealed = new Map<string, RevealedKey[]>();
  dropped: string[] = [];
  #waiters: Array<() => void> = [];

  constructor(init: AttemptInit) {
    this.round = init.round;
    this.attempt = init.attempt;
    this.selected = init.selected;
    this.weights = init.weights;
    this.weightScale = init.selected.reduce((a, id) => a + (init.weights.get(id) ?? 0), 0);
    this.quorum = init.quorum;
    this.deadline = init.deadline;
    this.accumulator = init.accumulator;
    this.maskingKeys = init.maskingKeys;
  }

  /** Refuses updates from unselected clients, repeats, and anything after collection closed. */
  checkUpdate(clientId: string, header: UpdateRequest): void {
    if (header.roundId !== this.roundId) {
      reject(
        header.round < this.round ? 'late' : 'stale-round',
        `update for round ${header.round} attempt ${header.roundId}; current is round ${this.round} attempt ${this.roundId}`,
      );
    }
    if (!this.selected.includes(clientId))
      reject('not-selected', `${clientId} is not selected in round ${this.round}`);
    if (this.contributors.includes(clientId))
      reject('duplicate', `${clientId} already sent its update for round ${this.round}`);
    if (this.phase !== 'collect' || Date.now() > this.deadline)
      reject('late', `round ${this.round} stopped collecting updates`);
  }

  accept(clientId: string, header: UpdateRequest, blobs: readonly Uint8Array[], bytes: number): void {
    this.checkUpdate(clientId, header);
    this.accumulator.add(clientId, blobs);
    this.contributors.push(clientId);
    this.metrics.set(clientId, header.metrics);
    this.bytes[clientId] = { up: bytes, down: this.bytes[clientId]?.down ?? 0 };
    this.notify();
  }

  refuse(clientId: string, reason: string): void {
    this.refused.push({ clientId, reason });
  }

  get allSubmitted(): boolean {
    return this.contributors.length === this.selected.length;
  }

  /** Masking: survivors must reveal their round keys with `dropped` before `deadline`. */
  beginRecovery(dropped: string[], deadline: number): void {
    this.phase = 'recover';
    this.dropped = dropped;
    this.deadline = deadline;
  }

  acceptReveal(clientId: string, dropped: readonly string[], keys: readonly Uint8Array[]): void {
    if (this.phase !== 'recover') reject('late', `round ${this.round} is not recovering masks`);
    if (!this.contributors.includes(clientId))
      reject('not-selected', `${clientId} did not contribute to round ${this.round}`);
    if (this.revealed.has(clientId)) reject('duplicate', `${clientId} already revealed its keys`);
    const expected = [...this.dropped].sort();
    if (dropped.length !== expected.length || [...dropped].sort().some((id, i) => id !== expected[i])) {
      reject('malformed', `reveal must cover exactly the dropped clients ${expected.join(', ')}`);
    }
    if (keys.length !== dropped.length || keys.some((key) => key.length !== 32))
      reject('wrong-size', 'one 32-byte key per dropped client');
    this.revealed.set(
      clientId,
      dropped.map((gone, i) => ({ survivor: clientId, dropped: gone, roundKey: keys[i] })),
    );
    this.notify();
  }

  get allRevealed(): boolean {
    return this.contributors.every((id) => this.revealed.has(id));
  }

  /** Resolves on the next accepted update or reveal, or after `ms`. */
  waitForChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#waiters.push(done);
    });
  }

  notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
