import { createRng } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { maskVector, removeDroppedMasks, sumResidues } from './mask-protocol';
import {
  decodeFixedPoint,
  encodeFixedPoint,
  generateMaskingKeyPair,
  importMaskingKeyPair,
  isResidueVector,
  MASK_MODULUS,
  pairwiseRoundKey,
} from './pairwise-masking';

const PKCS8_X25519 = '302e020100300506032b656e04220420';

describe('pairwise masking primitives', () => {
  it('derives the RFC 7748 §6.1 public keys and both sides get the same round key', () => {
    // RFC 7748 section 6.1 test vectors (Alice's and Bob's private and public keys).
    const alice = importMaskingKeyPair(
      Buffer.from(`${PKCS8_X25519}77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a`, 'hex'),
    );
    const bob = importMaskingKeyPair(
      Buffer.from(`${PKCS8_X25519}5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb`, 'hex'),
    );
    expect(Buffer.from(alice.publicKey).toString('hex')).toBe(
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    );
    expect(Buffer.from(bob.publicKey).toString('hex')).toBe(
      'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
    );
    const ab = pairwiseRoundKey(alice, bob.publicKey, { self: 'a', peer: 'b', roundId: 'r1' });
    const ba = pairwiseRoundKey(bob, alice.publicKey, { self: 'b', peer: 'a', roundId: 'r1' });
    expect(Buffer.from(ab).equals(Buffer.from(ba))).toBe(true);
    const other = pairwiseRoundKey(alice, bob.publicKey, { self: 'a', peer: 'b', roundId: 'r2' });
    expect(Buffer.from(ab).equals(Buffer.from(other))).toBe(false);
  });

  it('fixed point round-trips signed values to 2^-f', () => {
    const values = [0, 1.5, -1.5, 123.456789, -0.000001, 2 ** 20];
    const decoded = decodeFixedPoint(encodeFixedPoint(values, 24), 24);
    values.forEach((v, i) => {
      expect(Math.abs(decoded[i] - v)).toBeLessThanOrEqual(2 ** -25);
    });
    expect(() => encodeFixedPoint([2 ** 27], 24)).toThrow(/below 2\^27/);
  });
});

describe('masked sums', () => {
  const ids = ['w1', 'w2', 'w3', 'w4'];
  const keys = new Map(ids.map((id) => [id, generateMaskingKeyPair()]));
  const peers = ids.map((id) => ({ id, publicKey: keys.get(id)!.publicKey }));
  const rng = createRng(3);
  const inputs = new Map(ids.map((id) => [id, Float64Array.from({ length: 1000 }, () => rng.normal(0, 5))]));
  const masked = new Map(
    ids.map((id) => [
      id,
      maskVector(inputs.get(id)!, {
        self: id,
        keys: keys.get(id)!,
        peers,
        roundId: 'round-7',
        fractionBits: 24,
      }),
    ]),
  );
  const exactSum = (subset: string[]) =>
    Array.from({ length: 1000 }, (_, i) => subset.reduce((a, id) => a + inputs.get(id)![i], 0));

  it('masks cancel over all clients; one masked vector alone looks uniform', () => {
    const total = decodeFixedPoint(sumResidues(ids.map((id) => masked.get(id)!.masked)), 24);
    exactSum(ids).forEach((v, i) => {
      expect(Math.abs(total[i] - v)).toBeLessThan(4 * 2 ** -24);
    });
    const alone = masked.get('w1')!.masked;
    expect(isResidueVector(alone)).toBe(true);
    const mean = alone.reduce((a, v) => a + v, 0) / alone.length;
    expect(Math.abs(mean / MASK_MODULUS - 0.5)).toBeLessThan(0.05);
    const decodedAlone = decodeFixedPoint(alone, 24);
    expect(decodedAlone.filter((v, i) => Math.abs(v - inputs.get('w1')![i]) < 1).length).toBe(0);
  });

  it('recovers the survivors sum after a dropout from the revealed round keys', () => {
    const survivors = ['w1', 'w2', 'w4'];
    const raw = sumResidues(survivors.map((id) => masked.get(id)!.masked));
    const stillMasked = decodeFixedPoint(raw, 24);
    expect(Math.abs(stillMasked[0] - exactSum(survivors)[0])).toBeGreaterThan(1);
    const revealed = survivors.map((id) => ({
      survivor: id,
      dropped: 'w3',
      roundKey: masked.get(id)!.roundKeys.get('w3')!,
    }));
    const recovered = decodeFixedPoint(removeDroppedMasks(raw, revealed, survivors, ['w3']), 24);
    exactSum(survivors).forEach((v, i) => {
      expect(Math.abs(recovered[i] - v)).toBeLessThan(3 * 2 ** -24);
    });
    expect(() => removeDroppedMasks(raw, revealed.slice(1), survivors, ['w3'])).toThrow(/no revealed key/);
  });
});
