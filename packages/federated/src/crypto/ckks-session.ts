import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '@shoppilot/core';
import type { Ciphertext, ComprModeType, Encryptor, Evaluator, SEALContext } from 'node-seal';
import { reject } from '../errors/protocol-rejection-error';
import { maxAbs } from '../vector/vector-ops';
import {
  type CkksParameters,
  ciphertextCount,
  type ResolvedCkksParameters,
  resolveCkksParameters,
} from './ckks-parameters';
import { CkksSum } from './ckks-sum';
import { loadSeal, type SealModule } from './seal-loader';

/** A freshly generated key pair, serialised (compressed). */
export interface CkksKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  /** SHA-256 of the public key bytes, hex: what clients pin. */
  fingerprint: string;
}

/** SHA-256 hex of a serialised key (or any bytes). */
export function keyFingerprint(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * CKKS through node-seal for aggregation: clients `encrypt` with the public key, the coordinator
 * `sum`s ciphertexts (it needs no key at all), the key holder `decrypt`s only the aggregate. The SEAL
 * objects stay inside; call `dispose()` when done.
 */
export class CkksSession {
  readonly parameters: ResolvedCkksParameters;
  readonly #seal: SealModule;
  readonly #context: SEALContext;
  #encryptor: { fingerprint: string; encryptor: Encryptor } | undefined;
  #evaluator: Evaluator | undefined;

  private constructor(seal: SealModule, context: SEALContext, parameters: ResolvedCkksParameters) {
    this.#seal = seal;
    this.#context = context;
    this.parameters = parameters;
  }

  /** Validates the parameters and builds the SEAL context (about 0.1 s after the first load). */
  static async create(parameters: CkksParameters = {}): Promise<CkksSession> {
    const resolved = resolveCkksParameters(parameters);
    const seal = await loadSeal();
    const parms = new seal.EncryptionParameters(seal.SchemeType.ckks);
    parms.setPolyModulusDegree(resolved.polyModulusDegree);
    const moduli = seal.CoeffModulus.Create(
      resolved.polyModulusDegree,
      Int32Array.from(resolved.coeffModulusBits),
    );
    parms.setCoeffModulus(moduli);
    const level = {
      128: seal.SecLevelType.tc128,
      192: seal.SecLevelType.tc192,
      256: seal.SecLevelType.tc256,
    }[resolved.securityLevel];
    const context = new seal.SEALContext(parms, true, level);
    parms.delete();
    moduli.delete();
    if (!context.parametersSet()) {
      context.delete();
      throw new InvalidArgumentError({
        argument: 'ckks',
        message: 'SEAL rejected these parameters',
        value: resolved,
      });
    }
    return new CkksSession(seal, context, resolved);
  }

  /** A new key pair (the key holder's job; the secret key must never leave it). */
  generateKeys(): CkksKeyPair {
    const generator = new this.#seal.KeyGenerator(this.#context);
    const secret = generator.secretKey();
    const publicKey = generator.createPublicKey();
    try {
      const publicBytes = publicKey.saveToArray(this.#mode()) as Uint8Array;
      return {
        publicKey: publicBytes,
        secretKey: secret.saveToArray(this.#mode()) as Uint8Array,
        fingerprint: keyFingerprint(publicBytes),
      };
    } finally {
      publicKey.delete();
      secret.delete();
      generator.delete();
    }
  }

  /** Encrypts `values` in blocks of N/2 slots with the public key; one serialised ciphertext per block. */
  encrypt(values: Float64Array, publicKey: Uint8Array): Uint8Array[] {
    if (maxAbs(values) >= this.parameters.maxAbsSum) {
      throw new InvalidArgumentError({
        argument: 'values',
        message: `|value| must stay below ${this.parameters.maxAbsSum} (scale 2^${this.parameters.scaleBits} in the ${this.parameters.level} modulus); normalise the update`,
        value: maxAbs(values),
      });
    }
    const encryptor = this.#encryptorFor(publicKey);
    const encoder = new this.#seal.CKKSEncoder(this.#context);
    const { slots, scaleBits } = this.parameters;
    const out: Uint8Array[] = [];
    try {
      for (let offset = 0; offset < Math.max(values.length, 1); offset += slots) {
        const plain = new this.#seal.Plaintext();
        const cipher = new this.#seal.Ciphertext();
        try {
          encoder.encode(values.subarray(offset, offset + slots), 2 ** scaleBits, plain);
          encryptor.encrypt(plain, cipher);
          this.#toSendLevel(cipher);
          out.push(cipher.saveToArray(this.#mode()) as Uint8Array);
        } finally {
          plain.delete();
          cipher.delete();
        }
      }
    } finally {
      encoder.delete();
    }
    return out;
  }

  /** Starts a running sum of encrypted vectors of `length` values (the coordinator's side). */
  newSum(length: number): CkksSum {
    return new CkksSum(this, ciphertextCount(length, this.parameters));
  }

  /** Decrypts an aggregate and returns its first `length` values (the key holder's side). */
  decrypt(ciphertexts: readonly Uint8Array[], secretKey: Uint8Array, length: number): Float64Array {
    this.#checkCount(ciphertexts, ciphertextCount(length, this.parameters));
    const secret = new this.#seal.SecretKey();
    secret.loadFromArray(this.#context, secretKey);
    const decryptor = new this.#seal.Decryptor(this.#context, secret);
    const encoder = new this.#seal.CKKSEncoder(this.#context);
    const out = new Float64Array(length);
    try {
      ciphertexts.forEach((bytes, c) => {
        const cipher = this.load(bytes, c);
        const plain = new this.#seal.Plaintext();
        try {
          decryptor.decrypt(cipher, plain);
          const decoded = encoder.decodeFloat64(plain) as Float64Array;
          const offset = c * this.parameters.slots;
          out.set(decoded.subarray(0, Math.min(this.parameters.slots, length - offset)), offset);
        } finally {
          plain.delete();
          cipher.delete();
        }
      });
    } finally {
      encoder.delete();
      decryptor.delete();
      secret.delete();
    }
    return out;
  }

  /** Checks that every ciphertext loads at the expected level, size and scale (rejects with a reason). */
  validate(ciphertexts: readonly Uint8Array[], length: number): void {
    this.#checkCount(ciphertexts, ciphertextCount(length, this.parameters));
    ciphertexts.forEach((bytes, c) => {
      this.load(bytes, c).delete();
    });
  }

  /** Loads and checks one ciphertext; the caller deletes it. @internal */
  load(bytes: Uint8Array, index: number): Ciphertext {
    const cipher = new this.#seal.Ciphertext();
    try {
      cipher.loadFromArray(this.#context, bytes);
    } catch (error) {
      cipher.delete();
      reject('bad-ciphertext', `ciphertext ${index} does not load under these CKKS parameters`, error);
    }
    const problem = this.#problemOf(cipher);
    if (problem) {
      cipher.delete();
      reject('bad-ciphertext', `ciphertext ${index}: ${problem}`);
    }
    return cipher;
  }

  /** Adds `b` into `a` (both loaded). @internal */
  addInto(a: Ciphertext, b: Ciphertext): void {
    this.#evaluatorOnce().addInplace(a, b);
  }

  /** Serialises a loaded ciphertext. @internal */
  save(cipher: Ciphertext): Uint8Array {
    return cipher.saveToArray(this.#mode()) as Uint8Array;
  }

  dispose(): void {
    this.#encryptor?.encryptor.delete();
    this.#encryptor = undefined;
    this.#evaluator?.delete();
    this.#evaluator = undefined;
    if (!this.#context.isDeleted()) this.#context.delete();
  }

  #problemOf(cipher: Ciphertext): string | undefined {
    const expectedParms =
      this.parameters.level === 'last' ? this.#context.lastParmsId() : this.#context.firstParmsId();
    const same = String(cipher.parmsId().values()) === String(expectedParms.values());
    if (cipher.isTransparent()) return 'transparent (not encrypted)';
    if (cipher.size() !== 2) return `size ${cipher.size()}, expected 2`;
    if (cipher.polyModulusDegree() !== this.parameters.polyModulusDegree) return 'wrong ring dimension';
    if (!same) return `not at the ${this.parameters.level} modulus level`;
    if (cipher.scale() !== 2 ** this.parameters.scaleBits)
      return `scale ${cipher.scale()}, expected 2^${this.parameters.scaleBits}`;
    return undefined;
  }

  #checkCount(ciphertexts: readonly Uint8Array[], expected: number): void {
    if (ciphertexts.length !== expected) {
      reject('wrong-size', `${ciphertexts.length} ciphertexts, expected ${expected}`);
    }
  }

  #toSendLevel(cipher: Ciphertext): void {
    if (this.parameters.level !== 'last') return;
    this.#evaluatorOnce().cipherModSwitchToInplace(cipher, this.#context.lastParmsId());
  }

  #evaluatorOnce(): Evaluator {
    this.#evaluator ??= new this.#seal.Evaluator(this.#context);
    return this.#evaluator;
  }

  #encryptorFor(publicKey: Uint8Array): Encryptor {
    const fingerprint = keyFingerprint(publicKey);
    if (this.#encryptor?.fingerprint === fingerprint) return this.#encryptor.encryptor;
    const key = new this.#seal.PublicKey();
    try {
      key.loadFromArray(this.#context, publicKey);
    } catch (error) {
      key.delete();
      throw new InvalidArgumentError({
        argument: 'publicKey',
        message: 'does not load under these CKKS parameters',
        cause: error,
      });
    }
    this.#encryptor?.encryptor.delete();
    this.#encryptor = { fingerprint, encryptor: new this.#seal.Encryptor(this.#context, key) };
    key.delete();
    return this.#encryptor.encryptor;
  }

  #mode(): ComprModeType {
    return this.#seal.ComprModeType[this.parameters.compression];
  }
}
