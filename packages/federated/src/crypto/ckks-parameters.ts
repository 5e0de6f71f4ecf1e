import { InvalidArgumentError } from '@shoppilot/core';

/** CKKS settings. The defaults are the issue's: N = 8192, [60, 40, 40, 60], scale 2^40, 128-bit. */
export interface CkksParameters {
  /** Ring dimension N (a power of two, 1024…32768). Slots per ciphertext = N / 2. Default 8192. */
  polyModulusDegree?: number;
  /** Bit sizes of the coefficient modulus primes (the last one is the special prime). Default [60, 40, 40, 60]. */
  coeffModulusBits?: readonly number[];
  /** log2 of the encoding scale. Default 40. */
  scaleBits?: number;
  /** Security level the modulus must satisfy (HomomorphicEncryption.org standard). Default 128. */
  securityLevel?: 128 | 192 | 256;
  /** Serialisation compression of keys and ciphertexts. Default `zstd`. */
  compression?: 'zstd' | 'zlib' | 'none';
  /**
   * Level ciphertexts are sent at: `last` switches them to the last data prime after encryption (3x
   * smaller at the defaults; addition needs no more), `first` keeps every prime. Default `last`.
   */
  level?: 'last' | 'first';
}

export type ResolvedCkksParameters = Required<Omit<CkksParameters, 'coeffModulusBits'>> & {
  coeffModulusBits: number[];
  /** Values per ciphertext (N / 2). */
  slots: number;
  /** Largest |value| a sum of ciphertexts may hold before it wraps around the modulus. */
  maxAbsSum: number;
};

/** Largest total coefficient-modulus bits per N and security level (SEAL's hestdparms.h, HE standard). */
const MAX_BITS: Record<number, Record<number, number>> = {
  128: { 1024: 27, 2048: 54, 4096: 109, 8192: 218, 16384: 438, 32768: 881 },
  192: { 1024: 19, 2048: 37, 4096: 75, 8192: 152, 16384: 305, 32768: 611 },
  256: { 1024: 14, 2048: 29, 4096: 58, 8192: 118, 16384: 237, 32768: 476 },
};

/** Largest total coefficient-modulus bits SEAL allows for ring dimension `n` at `securityLevel`, or undefined. */
export function maxCoeffModulusBits(n: number, securityLevel: 128 | 192 | 256): number | undefined {
  return MAX_BITS[securityLevel]?.[n];
}

export const DEFAULT_CKKS_PARAMETERS: ResolvedCkksParameters = resolveCkksParameters({});

/** Fills defaults and validates: every rule names the option and the value it refused. */
export function resolveCkksParameters(parameters: CkksParameters = {}): ResolvedCkksParameters {
  const securityLevel = parameters.securityLevel ?? 128;
  const n = parameters.polyModulusDegree ?? 8192;
  const bits = [...(parameters.coeffModulusBits ?? [60, 40, 40, 60])];
  const scaleBits = parameters.scaleBits ?? 40;
  const compression = parameters.compression ?? 'zstd';
  const level = parameters.level ?? 'last';
  const fail = (argument: string, message: string, value: unknown): never => {
    throw new InvalidArgumentError({ argument, message, value });
  };
  if (!MAX_BITS[securityLevel]) fail('securityLevel', 'must be 128, 192 or 256', securityLevel);
  const maxBits = MAX_BITS[securityLevel][n];
  if (maxBits === undefined) fail('polyModulusDegree', 'must be a power of two from 1024 to 32768', n);
  if (bits.length < 2) fail('coeffModulusBits', 'needs at least two primes (data + special)', bits);
  bits.forEach((b, i) => {
    if (!Number.isInteger(b) || b < 20 || b > 60)
      fail(`coeffModulusBits[${i}]`, 'must be an integer from 20 to 60', b);
  });
  const total = bits.reduce((a, b) => a + b, 0);
  if (total > maxBits) {
    fail(
      'coeffModulusBits',
      `total ${total} bits exceeds ${maxBits} allowed for N = ${n} at ${securityLevel}-bit security`,
      bits,
    );
  }
  if (!Number.isInteger(scaleBits) || scaleBits < 20 || scaleBits >= bits[0]) {
    fail(
      'scaleBits',
      `must be an integer from 20 to ${bits[0] - 1} (below the first prime, ${bits[0]} bits)`,
      scaleBits,
    );
  }
  if (!['zstd', 'zlib', 'none'].includes(compression))
    fail('compression', 'must be zstd, zlib or none', compression);
  if (!['last', 'first'].includes(level)) fail('level', 'must be last or first', level);
  const dataBits = level === 'last' ? bits[0] : total - bits[bits.length - 1];
  return {
    polyModulusDegree: n,
    coeffModulusBits: bits,
    scaleBits,
    securityLevel,
    compression,
    level,
    slots: n / 2,
    maxAbsSum: 2 ** Math.min(dataBits - scaleBits - 1, 52),
  };
}

/** Ciphertexts needed for a vector of `length` values. */
export function ciphertextCount(length: number, parameters: ResolvedCkksParameters): number {
  return Math.ceil(length / parameters.slots);
}
