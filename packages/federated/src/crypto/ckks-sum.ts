import { InvalidArgumentError } from '@shoppilot/core';
import type { Ciphertext } from 'node-seal';
import { reject } from '../errors/protocol-rejection-error';
import type { CkksSession } from './ckks-session';

/** A running sum of validated ciphertext vectors (the coordinator adds each update as it arrives). */
export class CkksSum {
  readonly count: number;
  #session: CkksSession;
  #sum: Ciphertext[] | undefined;
  /** Vectors added so far. */
  added = 0;

  constructor(session: CkksSession, count: number) {
    this.#session = session;
    this.count = count;
  }

  /** Validates every ciphertext first (nothing is added when one is bad), then adds them. */
  add(ciphertexts: readonly Uint8Array[]): void {
    if (ciphertexts.length !== this.count)
      reject('wrong-size', `${ciphertexts.length} ciphertexts, expected ${this.count}`);
    const loaded: Ciphertext[] = [];
    try {
      ciphertexts.forEach((bytes, c) => {
        loaded.push(this.#session.load(bytes, c));
      });
    } catch (error) {
      loaded.forEach((cipher) => {
        cipher.delete();
      });
      throw error;
    }
    if (!this.#sum) {
      this.#sum = loaded;
    } else {
      loaded.forEach((cipher, c) => {
        this.#session.addInto(this.#sum![c], cipher);
        cipher.delete();
      });
    }
    this.added++;
  }

  /** The serialised sum. */
  serialize(): Uint8Array[] {
    if (!this.#sum) throw new InvalidArgumentError({ argument: 'sum', message: 'nothing was added' });
    return this.#sum.map((cipher) => this.#session.save(cipher));
  }

  dispose(): void {
    this.#sum?.forEach((cipher) => {
      cipher.delete();
    });
    this.#sum = undefined;
  }
}
