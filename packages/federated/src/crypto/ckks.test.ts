import { createRng, InvalidArgumentError } from '@shoppilot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolRejectionError } from '../errors/protocol-rejection-error';
import { maxCoeffModulusBits, resolveCkksParameters } from './ckks-parameters';
import { CkksSession } from './ckks-session';
import { loadSeal } from './seal-loader';

// One SEAL context and key pair for the file (context set-up and key generation are the slow part).
let session: CkksSession;
let keys: ReturnType<CkksSession['generateKeys']>;
beforeAll(async () => {
  session = await CkksSession.create();
  keys = session.generateKeys();
});
afterAll(() => session.dispose());

function vectors(count: number, length: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Float64Array.from({ length }, () => rng.normal(0, 3)));
}

describe('CKKS parameters', () => {
  it('defaults are the issue settings and the table of maximum modulus bits agrees with SEAL', async () => {
    const p = resolveCkksParameters();
    expect(p).toMatchObject({
      polyModulusDegree: 8192,
      coeffModulusBits: [60, 40, 40, 60],
      scaleBits: 40,
      securityLevel: 128,
      slots: 4096,
    });
    expect(p.maxAbsSum).toBe(2 ** 19);
    const seal = await loadSeal();
    const levels = {
      128: seal.SecLevelType.tc128,
      192: seal.SecLevelType.tc192,
      256: seal.SecLevelType.tc256,
    } as const;
    for (const level of [128, 192, 256] as const) {
      for (const n of [1024, 2048, 4096, 8192, 16384, 32768]) {
        expect(maxCoeffModulusBits(n, level)).toBe(seal.CoeffModulus.MaxBitCount(n, levels[level]));
      }
    }
  });

  it('refuses invalid settings, naming the option', () => {
    expect(() => resolveCkksParameters({ polyModulusDegree: 3000 })).toThrow(/polyModulusDegree/);
    expect(() => resolveCkksParameters({ coeffModulusBits: [60, 60, 60, 60] })).toThrow(
      /240 bits exceeds 218/,
    );
    expect(() => resolveCkksParameters({ securityLevel: 192 })).toThrow(/exceeds 152/);
    expect(() => resolveCkksParameters({ scaleBits: 60 })).toThrow(InvalidArgumentError);
    expect(() => resolveCkksParameters({ coeffModulusBits: [61, 40] })).toThrow(/coeffModulusBits\[0\]/);
    expect(() => resolveCkksParameters({ compression: 'gzip' as 'zstd' })).toThrow(/compression/);
  });
});

describe('CKKS aggregation', () => {
  it('the decrypted sum of five encrypted vectors is within 1e-6 of the plaintext sum (relative)', () => {
    const inputs = vectors(5, 10_000, 1);
    const sum = session.newSum(10_000);
    for (const v of inputs) sum.add(session.encrypt(v, keys.publicKey));
    const decrypted = session.decrypt(sum.serialize(), keys.secretKey, 10_000);
    sum.dispose();
    let error = 0;
    let scale = 0;
    for (let i = 0; i < 10_000; i++) {
      const exact = inputs.reduce((a, v) => a + v[i], 0);
      error = Math.max(error, Math.abs(decrypted[i] - exact));
      scale = Math.max(scale, Math.abs(exact));
    }
    expect(error / scale).toBeLessThan(1e-6);
    expect(error / scale).toBeGreaterThan(0); // CKKS is approximate: an exact match would mean no encryption
  });

  it('packs 4,096 values per ciphertext and sends them at the last level (one 60-bit prime)', () => {
    const blobs = session.encrypt(new Float64Array(8193), keys.publicKey);
    expect(blobs).toHaveLength(3);
    // A size-2 ciphertext over one prime: 2 polynomials x 8192 coefficients x 8 bytes, plus a small header.
    for (const blob of blobs) {
      expect(blob.length).toBeGreaterThanOrEqual(2 * 8192 * 8);
      expect(blob.length).toBeLessThan(2 * 8192 * 8 + 1024);
    }
  });

  it('rejects wrong counts, garbage, other parameters and transparent ciphertexts with a reason', async () => {
    const good = session.encrypt(new Float64Array(10), keys.publicKey);
    const reason = (f: () => void) => {
      try {
        f();
      } catch (error) {
        return ProtocolRejectionError.isInstance(error) ? error.reason : 'other';
      }
      return 'accepted';
    };
    expect(reason(() => session.validate([...good, ...good], 10))).toBe('wrong-size');
    expect(reason(() => session.validate([new Uint8Array(5000).fill(7)], 10))).toBe('bad-ciphertext');
    expect(reason(() => session.validate([good[0].subarray(0, 1000)], 10))).toBe('bad-ciphertext');
    const small = await CkksSession.create({
      polyModulusDegree: 4096,
      coeffModulusBits: [40, 20, 40],
      scaleBits: 30,
    });
    const smallKeys = small.generateKeys();
    expect(reason(() => session.validate(small.encrypt(new Float64Array(10), smallKeys.publicKey), 10))).toBe(
      'bad-ciphertext',
    );
    small.dispose();
    const seal = await loadSeal();
    const parms = new seal.EncryptionParameters(seal.SchemeType.ckks);
    parms.setPolyModulusDegree(8192);
    parms.setCoeffModulus(seal.CoeffModulus.Create(8192, Int32Array.from([60, 40, 40, 60])));
    const context = new seal.SEALContext(parms, true, seal.SecLevelType.tc128);
    const zero = new seal.Ciphertext(context, context.lastParmsId(), 2);
    zero.resize(2);
    const transparent = zero.saveToArray(seal.ComprModeType.zstd) as Uint8Array;
    expect(reason(() => session.validate([transparent], 10))).toBe('bad-ciphertext');
    expect(() => session.validate([transparent], 10)).toThrow(/transparent/);
    expect(reason(() => session.validate(good, 10))).toBe('accepted');
    [zero, context, parms].forEach((o) => {
      o.delete();
    });
  });

  it('refuses values outside the modulus range and a public key of other parameters', () => {
    expect(() => session.encrypt(Float64Array.of(2 ** 19), keys.publicKey)).toThrow(/below 524288/);
    expect(() => session.encrypt(Float64Array.of(1), new Uint8Array(100))).toThrow(/publicKey/);
  });
});
