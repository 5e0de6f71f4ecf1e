import type { CkksSession } from '../crypto/ckks-session';
import { type MaskPeer, maskVector } from '../crypto/mask-protocol';
import type { MaskingKeyPair } from '../crypto/pairwise-masking';
import { addGaussianNoise, clipToNorm, type GaussianSource, secureGaussian } from '../privacy/clip-and-noise';
import { float64ToBytes } from '../vector/vector-ops';

/** The parts of a round task that shape how an update is sent. */
export interface TaskEncoding {
  roundId: string;
  strategy: 'fedavg' | 'fedprox' | 'sum';
  encoding: 'none' | 'ckks' | 'masking';
  /** This client's aggregation weight and the selected clients' total. */
  weight: number;
  weightScale: number;
  fractionBits: number;
  seed: number;
  privacy?: { clipNorm: number; noiseSd: number };
}

/**
 * The vector a client sends, before encryption or masking: with differential privacy, the change
 * from the global model clipped to C plus this client's share of the noise; for secure encodings,
 * scaled by w/S (parameters) or 1/S (statistics) so the sum stays in range and needs no weights.
 */
export function prepareUpdateValues(
  values: Float64Array,
  global: Float64Array | undefined,
  task: TaskEncoding,
  noise: GaussianSource = secureGaussian(),
): { values: Float64Array; clippedNorm?: number } {
  let out = values;
  let clippedNorm: number | undefined;
  if (task.privacy) {
    const base = global ?? new Float64Array(values.length);
    const clipped = clipToNorm(
      values.map((v, i) => v - base[i]),
      task.privacy.clipNorm,
    );
    clippedNorm = clipped.norm;
    addGaussianNoise(clipped.values, task.privacy.noiseSd, noise);
    out = clipped.values.map((d, i) => base[i] + d);
  }
  if (task.encoding === 'none') return { values: out, clippedNorm };
  const factor = task.strategy === 'sum' ? 1 / task.weightScale : task.weight / task.weightScale;
  return { values: out.map((v) => v * factor), clippedNorm };
}

/** Blobs of an update: one float64 vector (none), ciphertexts (ckks), or one masked residue vector. */
export function encodeUpdate(
  values: Float64Array,
  task: TaskEncoding,
  secure: {
    ckks?: { session: CkksSession; publicKey: Uint8Array };
    masking?: { self: string; keys: MaskingKeyPair; peers: MaskPeer[] };
  },
): { blobs: Uint8Array[]; roundKeys?: Map<string, Uint8Array> } {
  if (task.encoding === 'ckks')
    return { blobs: secure.ckks!.session.encrypt(values, secure.ckks!.publicKey) };
  if (task.encoding === 'masking') {
    const { masked, roundKeys } = maskVector(values, {
      ...secure.masking!,
      roundId: task.roundId,
      fractionBits: task.fractionBits,
    });
    return { blobs: [float64ToBytes(masked)], roundKeys };
  }
  return { blobs: [float64ToBytes(values)] };
}
