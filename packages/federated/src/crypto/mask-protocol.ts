import { reject } from '../errors/protocol-rejection-error';
import {
  applyMask,
  encodeFixedPoint,
  MASK_MODULUS,
  type MaskingKeyPair,
  maskSign,
  maskStream,
  pairwiseRoundKey,
} from './pairwise-masking';

/** Another selected client of the round: its id and X25519 public key. */
export interface MaskPeer {
  id: string;
  publicKey: Uint8Array;
}

/** A round key a survivor reveals for a peer that dropped out, so its mask can be removed. */
export interface RevealedKey {
  survivor: string;
  dropped: string;
  roundKey: Uint8Array;
}

/**
 * The client's side of pairwise masking (Bonawitz et al. 2017, without the double mask): encode
 * fixed-point, then add +PRG(k_ij) for every peer j sorting after i and −PRG(k_ij) for every peer
 * before. Over all selected clients the masks cancel; any subset leaves them random.
 * Returns the masked residues and the round keys by peer (kept for dropout recovery).
 */
export function maskVector(
  values: ArrayLike<number>,
  options: {
    self: string;
    keys: MaskingKeyPair;
    peers: readonly MaskPeer[];
    roundId: string;
    fractionBits: number;
  },
): { masked: Float64Array; roundKeys: Map<string, Uint8Array> } {
  const masked = encodeFixedPoint(values, options.fractionBits);
  const roundKeys = new Map<string, Uint8Array>();
  for (const peer of options.peers) {
    if (peer.id === options.self) continue;
    const key = pairwiseRoundKey(options.keys, peer.publicKey, {
      self: options.self,
      peer: peer.id,
      roundId: options.roundId,
    });
    roundKeys.set(peer.id, key);
    applyMask(masked, maskStream(key, masked.length), maskSign(options.self, peer.id));
  }
  return { masked, roundKeys };
}

/** Σ of residue vectors mod 2^52. */
export function sumResidues(vectors: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(vectors[0]?.length ?? 0);
  for (const vector of vectors) {
    if (vector.length !== out.length)
      reject('wrong-size', `masked vector has ${vector.length} values, expected ${out.length}`);
    applyMask(out, vector, 1);
  }
  return out;
}

/**
 * Removes, from a sum over `survivors`, the masks they share with clients that dropped out, using
 * the round keys the survivors revealed. Every (survivor, dropped) pair must be revealed exactly once.
 */
export function removeDroppedMasks(
  sum: Float64Array,
  revealed: readonly RevealedKey[],
  survivors: readonly string[],
  dropped: readonly string[],
): Float64Array {
  const out = Float64Array.from(sum);
  const byPair = new Map(revealed.map((r) => [`${r.survivor}\u0000${r.dropped}`, r.roundKey]));
  for (const survivor of survivors) {
    for (const gone of dropped) {
      const key = byPair.get(`${survivor}\u0000${gone}`);
      if (!key) reject('refused', `no revealed key for survivor ${survivor} and dropped ${gone}`);
      // The survivor added sign(survivor, gone)·mask; subtract it.
      applyMask(out, maskStream(key, out.length), maskSign(survivor, gone) === 1 ? -1 : 1);
    }
  }
  return out;
}

export { MASK_MODULUS };
