import { aggregatePlaintext } from '../aggregation/aggregation-rule';
import type { CkksSession } from '../crypto/ckks-session';
import type { CkksSum } from '../crypto/ckks-sum';
import { type RevealedKey, removeDroppedMasks } from '../crypto/mask-protocol';
import { applyMask, decodeFixedPoint, isResidueVector } from '../crypto/pairwise-masking';
import { reject } from '../errors/protocol-rejection-error';
import { bytesToFloat64 } from '../vector/vector-ops';
import type { ResolvedPlan } from './federation-plan';

/** What closing a round needs to turn the accumulated updates into one vector. */
export interface FinishContext {
  contributors: string[];
  /** Weights of the selected clients (samples, or 1 with differential privacy). */
  weights: Map<string, number>;
  /** Σ of the selected clients' weights: the scale S clients divided by. */
  weightScale: number;
  /** Masking: survivors' revealed round keys of the dropped clients. */
  revealed?: RevealedKey[];
  dropped?: string[];
  /** CKKS: asks the key holder to decrypt the summed ciphertexts. */
  decrypt?: (ciphertexts: Uint8Array[]) => Promise<Float64Array>;
}

/** Collects the updates of one round attempt as they arrive (validating each) and combines them. */
export interface UpdateAccumulator {
  /** Validates and takes one client's payload; throws a rejection (nothing is taken then). */
  add(clientId: string, blobs: readonly Uint8Array[]): void;
  /** The new global vector (mean for parameters, sum for statistics). */
  finish(context: FinishContext): Promise<Float64Array>;
  dispose(): void;
}

export function createAccumulator(plan: ResolvedPlan, length: number, ckks?: CkksSession): UpdateAccumulator {
  if (plan.secure === 'ckks') return ckksAccumulator(plan, ckks!.newSum(length), length);
  if (plan.secure === 'masking') return maskAccumulator(plan, length);
  return plainAccumulator(plan, length);
}

/** Undoes the clients' scaling by w_k / S (parameters) or 1 / S (statistics). */
function rescale(plan: ResolvedPlan, scaledSum: Float64Array, context: FinishContext): Float64Array {
  const contributed = context.contributors.reduce((a, id) => a + (context.weights.get(id) ?? 0), 0);
  const factor = plan.strategy === 'sum' ? context.weightScale : context.weightScale / contributed;
  return scaledSum.map((v) => v * factor);
}

function singleVector(blobs: readonly Uint8Array[], length: number): Float64Array {
  if (blobs.length !== 1 || blobs[0].length !== length * 8) {
    reject(
      'wrong-size',
      `expected one vector of ${length} float64 values, got ${blobs.length} blob(s) of ${blobs.map((b) => b.length).join(', ')} bytes`,
    );
  }
  return bytesToFloat64(blobs[0]);
}

function plainAccumulator(plan: ResolvedPlan, length: number): UpdateAccumulator {
  const vectors = new Map<string, Float64Array>();
  return {
    add(clientId, blobs) {
      const values = singleVector(blobs, length);
      if (!values.every(Number.isFinite)) reject('malformed', 'update holds non-finite values');
      vectors.set(clientId, values);
    },
    async finish(context) {
      const contributions = context.contributors.map((id) => ({
        values: vectors.get(id)!,
        weight: context.weights.get(id) ?? 1,
      }));
      if (plan.strategy !== 'sum')
        return aggregatePlaintext(contributions, plan.aggregation, { trim: plan.trim });
      const sum = new Float64Array(length);
      for (const { values } of contributions) for (let i = 0; i < length; i++) sum[i] += values[i];
      return sum;
    },
    dispose: () => vectors.clear(),
  };
}

function ckksAccumulator(plan: ResolvedPlan, sum: CkksSum, length: number): UpdateAccumulator {
  return {
    add: (_clientId, blobs) => sum.add(blobs),
    async finish(context) {
      const plain = await context.decrypt!(sum.serialize());
      if (plain.length !== length)
        reject('wrong-size', `key holder returned ${plain.length} values, expected ${length}`);
      return rescale(plan, plain, context);
    },
    dispose: () => sum.dispose(),
  };
}

function maskAccumulator(plan: ResolvedPlan, length: number): UpdateAccumulator {
  const sum = new Float64Array(length);
  return {
    add(_clientId, blobs) {
      const residues = singleVector(blobs, length);
      if (!isResidueVector(residues))
        reject('malformed', 'masked update holds values outside [0, 2^52) or non-integers');
      applyMask(sum, residues, 1);
    },
    async finish(context) {
      const unmasked = removeDroppedMasks(
        sum,
        context.revealed ?? [],
        context.contributors,
        context.dropped ?? [],
      );
      return rescale(plan, decodeFixedPoint(unmasked, plan.maskFractionBits), context);
    },
    dispose: () => sum.fill(0),
  };
}
