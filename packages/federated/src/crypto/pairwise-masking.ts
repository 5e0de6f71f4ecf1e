import {
  createCipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { InvalidArgumentError } from '@shoppilot/core';

/** Masked vectors live in Z_M with M = 2^52: sums of two residues stay exact in float64. */
export const MASK_MODULUS = 2 ** 52;
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

/** A client's X25519 key pair for pairwise masks (the private key never leaves the client). */
export interface MaskingKeyPair {
  /** Raw 32-byte public key, advertised through the coordinator. */
  publicKey: Uint8Array;
  privateKey: KeyObject;
}

export function generateMaskingKeyPair(): MaskingKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKey: new Uint8Array(der.subarray(der.length - 32)), privateKey };
}

/** PKCS#8 DER of a private key, to keep it across a client restart. */
export function exportMaskingPrivateKey(keys: MaskingKeyPair): Uint8Array {
  return new Uint8Array(keys.privateKey.export({ format: 'der', type: 'pkcs8' }));
}

export function importMaskingKeyPair(pkcs8: Uint8Array): MaskingKeyPair {
  const privateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { publicKey: new Uint8Array(der.subarray(der.length - 32)), privateKey };
}

/**
 * The 32-byte key two clients share for one round attempt: X25519(a, B) = X25519(b, A), expanded
 * by HKDF-SHA256 with the round attempt id as salt and both client ids as info. Revealing it (for
 * dropout recovery) exposes this round's mask of this pair only, never the long-term secret.
 */
export function pairwiseRoundKey(
  own: MaskingKeyPair,
  peerPublicKey: Uint8Array,
  ids: { self: string; peer: string; roundId: string },
): Uint8Array {
  if (peerPublicKey.length !== 32) {
    throw new InvalidArgumentError({
      argument: 'peerPublicKey',
      message: 'must be a raw 32-byte X25519 key',
      value: peerPublicKey.length,
    });
  }
  const peer = createPublicKey({
    key: Buffer.concat([X25519_SPKI_PREFIX, peerPublicKey]),
    format: 'der',
    type: 'spki',
  });
  const shared = diffieHellman({ privateKey: own.privateKey, publicKey: peer });
  const [first, second] = [ids.self, ids.peer].sort();
  const info = Buffer.from(`shoppilot-federated-mask\u0000${first}\u0000${second}`);
  return new Uint8Array(hkdfSync('sha256', shared, Buffer.from(ids.roundId), info, 32));
}

/** `length` pseudo-random residues in [0, 2^52) from AES-256-CTR keyed by the pair's round key. */
export function maskStream(roundKey: Uint8Array, length: number): Float64Array {
  const cipher = createCipheriv('aes-256-ctr', roundKey, Buffer.alloc(16));
  const bytes = cipher.update(Buffer.alloc(length * 8));
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const low = bytes.readUInt32LE(i * 8);
    const high = bytes.readUInt32LE(i * 8 + 4) & 0xfffff;
    out[i] = high * 4294967296 + low;
  }
  return out;
}

/** Sign of the mask of pair (self, peer) in self's vector: + when self sorts first, − otherwise. */
export function maskSign(self: string, peer: string): 1 | -1 {
  return self < peer ? 1 : -1;
}

/** Adds `sign · mask` into `residues` in place (mod 2^52). */
export function applyMask(residues: Float64Array, mask: Float64Array, sign: 1 | -1): void {
  for (let i = 0; i < residues.length; i++) {
    const value = sign === 1 ? residues[i] + mask[i] : residues[i] - mask[i] + MASK_MODULUS;
    residues[i] = value >= MASK_MODULUS ? value - MASK_MODULUS : value;
  }
}

/** Fixed-point encoding round(v·2^f) mod 2^52; |sum| must stay below 2^(51−f). */
export function encodeFixedPoint(values: ArrayLike<number>, fractionBits: number): Float64Array {
  const limit = 2 ** (51 - fractionBits);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (!(Math.abs(values[i]) < limit)) {
      throw new InvalidArgumentError({
        argument: `values[${i}]`,
        message: `|value| must be below 2^${51 - fractionBits} for ${fractionBits} fraction bits`,
        value: values[i],
      });
    }
    const scaled = Math.round(values[i] * 2 ** fractionBits);
    out[i] = scaled < 0 ? scaled + MASK_MODULUS : scaled;
  }
  return out;
}

/** Inverse of `encodeFixedPoint` for a sum: residues above 2^51 are negative. */
export function decodeFixedPoint(residues: ArrayLike<number>, fractionBits: number): Float64Array {
  const out = new Float64Array(residues.length);
  for (let i = 0; i < residues.length; i++) {
    const r = residues[i];
    out[i] = (r >= MASK_MODULUS / 2 ? r - MASK_MODULUS : r) / 2 ** fractionBits;
  }
  return out;
}

/** Checks a received masked vector: every entry an integer residue in [0, 2^52). */
export function isResidueVector(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0 && v < MASK_MODULUS) || Math.floor(v) !== v) return false;
  }
  return true;
}
