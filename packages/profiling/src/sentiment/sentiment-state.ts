import { InvalidModelJsonError } from '@shoppilot/core';
import type { SparseLinearModel } from './nb-logistic';

export const SENTIMENT_KIND = 'profiling.sentiment-nb-lr';

/** Sparse weights of one model, base64 (Int32 feature ids with non-zero weight, Float32 weights). */
export interface SentimentWeights {
  indices: string;
  weights: string;
}

export interface SentimentClassifierState extends SentimentWeights {
  /** Score bias (with `stack`: meta bias + the members' biases times their stacking weights). */
  bias: number;
  trainedOn: number;
  /** With `stack`: each member's weights already multiplied by its stacking weight (top-level indices/weights empty). */
  members?: SentimentWeights[];
  /** With `stack`: the meta logistic regression's weight per member (for inspection). */
  stackWeights?: number[];
}

function toBase64(array: Int32Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64<T extends Int32Array | Float32Array>(
  text: string,
  type: new (buffer: ArrayBuffer) => T,
): T {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new type(copy.buffer);
}

export function encodeWeights(model: SparseLinearModel): SentimentWeights {
  return { indices: toBase64(model.indices), weights: toBase64(model.weights) };
}

export function decodeWeights(stored: SentimentWeights, bias = 0): SparseLinearModel {
  return {
    indices: fromBase64(stored.indices, Int32Array),
    weights: fromBase64(stored.weights, Float32Array),
    bias,
  };
}

function checkWeights(value: unknown, path: string): void {
  const w = value as Partial<SentimentWeights> | null;
  if (typeof w?.indices !== 'string' || typeof w.weights !== 'string')
    throw new InvalidModelJsonError({ kind: SENTIMENT_KIND, path, message: 'expected indices and weights' });
  if (Buffer.from(w.indices, 'base64').byteLength !== Buffer.from(w.weights, 'base64').byteLength)
    throw new InvalidModelJsonError({
      kind: SENTIMENT_KIND,
      path: `${path}.weights`,
      message: 'indices and weights differ in length',
    });
}

/** Validates a stored state against the number of models its options describe. */
export function checkState(state: unknown, memberCount: number): SentimentClassifierState {
  const s = state as Partial<SentimentClassifierState> | null;
  if (typeof s?.bias !== 'number')
    throw new InvalidModelJsonError({
      kind: SENTIMENT_KIND,
      path: 'state.bias',
      message: 'expected a number',
    });
  checkWeights(s, 'state');
  if (memberCount === 1 && s.members === undefined) return s as SentimentClassifierState;
  if (!Array.isArray(s.members) || s.members.length !== memberCount)
    throw new InvalidModelJsonError({
      kind: SENTIMENT_KIND,
      path: 'state.members',
      message: `expected ${memberCount} member model(s), one per options.stack entry`,
    });
  s.members.forEach((member, m) => {
    checkWeights(member, `state.members[${m}]`);
  });
  return s as SentimentClassifierState;
}
