import type { ResolvedCkksParameters } from '../crypto/ckks-parameters';
import { CkksSession, keyFingerprint } from '../crypto/ckks-session';
import { loadSeal } from '../crypto/seal-loader';
import { reject } from '../errors/protocol-rejection-error';
import { exchange } from '../protocol/http-client';

/**
 * The CKKS public key as this client trusts it: fetched from the key holder directly, its SHA-256
 * checked against the key holder's claim, the client's pin (if any) and the fingerprint the
 * coordinator announces — so a coordinator cannot swap in a key of its own.
 */
export class CkksKeyCache {
  readonly #keyholderUrl: string | undefined;
  readonly #pin: string | undefined;
  #session: CkksSession | undefined;
  #publicKey: Uint8Array | undefined;
  #fingerprint: string | undefined;

  constructor(keyholderUrl: string | undefined, pin: string | undefined) {
    this.#keyholderUrl = keyholderUrl;
    this.#pin = pin;
  }

  /** Loads SEAL and fetches the public key ahead of the first round (no-op without a key holder). */
  async prefetch(): Promise<void> {
    if (!this.#keyholderUrl) return;
    await Promise.all([loadSeal(), this.#fetch()]);
  }

  /** The session and public key to encrypt with, after checking the coordinator's announced fingerprint. */
  async get(
    parameters: ResolvedCkksParameters,
    announced: string | undefined,
  ): Promise<{ session: CkksSession; publicKey: Uint8Array }> {
    await this.#fetch();
    if (announced !== this.#fingerprint) {
      reject(
        'refused',
        `the coordinator announces public key ${announced ?? '(none)'}, the key holder serves ${this.#fingerprint}`,
      );
    }
    this.#session ??= await CkksSession.create(parameters);
    return { session: this.#session, publicKey: this.#publicKey! };
  }

  dispose(): void {
    this.#session?.dispose();
    this.#session = undefined;
  }

  async #fetch(): Promise<void> {
    if (!this.#keyholderUrl) reject('refused', 'CKKS updates need the key holder URL (option keyholderUrl)');
    if (this.#publicKey) return;
    const { frame } = await exchange(
      this.#keyholderUrl,
      '/v1/public-key',
      undefined,
      { header: { type: 'public-key' } },
      { timeoutMs: 30_000 },
    );
    const publicKey = frame.blobs[0];
    const fingerprint = publicKey ? keyFingerprint(publicKey) : '';
    if (fingerprint !== frame.header.fingerprint)
      reject('refused', 'the key holder public key does not match its fingerprint');
    if (this.#pin && fingerprint !== this.#pin)
      reject('refused', `public key ${fingerprint} is not the pinned ${this.#pin}`);
    this.#publicKey = publicKey;
    this.#fingerprint = fingerprint;
  }
}
