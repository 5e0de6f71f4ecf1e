import { InvalidModelJsonError } from '@shoppilot/core';

/** Typed arrays as they travel in model JSON: the dtype and the little-endian bytes in base64. */
export interface EncodedArray {
  dtype: 'float64' | 'float32' | 'int32';
  length: number;
  base64: string;
}

type Numeric = Float64Array | Float32Array | Int32Array;

/** Encodes a typed array exactly (no decimal round trip). */
export function encodeArray(array: Numeric): EncodedArray {
  const dtype =
    array instanceof Float64Array ? 'float64' : array instanceof Float32Array ? 'float32' : 'int32';
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return { dtype, length: array.length, base64: bytes.toString('base64') };
}

const CONSTRUCTORS = { float64: Float64Array, float32: Float32Array, int32: Int32Array } as const;

/** Decodes and validates an `EncodedArray` found at `path` of a model of `kind`. */
export function decodeArray<D extends EncodedArray['dtype']>(
  value: unknown,
  dtype: D,
  kind: string,
  path: string,
  expectedLength?: number,
): InstanceType<(typeof CONSTRUCTORS)[D]> {
  const fail = (message: string): never => {
    throw new InvalidModelJsonError({ kind, path, message });
  };
  if (value == null || typeof value !== 'object') return fail('expected an encoded array');
  const record = value as Record<string, unknown>;
  if (record.dtype !== dtype) fail(`expected dtype ${dtype}, got ${JSON.stringify(record.dtype)}`);
  if (typeof record.base64 !== 'string' || typeof record.length !== 'number')
    fail('missing base64 or length');
  const bytes = Buffer.from(record.base64 as string, 'base64');
  const Constructor = CONSTRUCTORS[dtype];
  if (bytes.length !== (record.length as number) * Constructor.BYTES_PER_ELEMENT) {
    fail(`byte length ${bytes.length} does not match ${record.length} ${dtype} values`);
  }
  if (expectedLength !== undefined && record.length !== expectedLength) {
    fail(`expected ${expectedLength} values, got ${record.length}`);
  }
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Constructor(copy.buffer) as InstanceType<(typeof CONSTRUCTORS)[D]>;
}

/** A string array at `path`, validated. */
export function decodeStrings(value: unknown, kind: string, path: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new InvalidModelJsonError({ kind, path, message: 'expected an array of strings' });
  }
  return value as string[];
}

/** A finite number at `path`, validated. */
export function decodeNumber(value: unknown, kind: string, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidModelJsonError({ kind, path, message: 'expected a finite number' });
  }
  return value;
}

/** The state object of a model JSON, or a typed error. */
export function stateRecord(value: unknown, kind: string): Record<string, unknown> {
  if (value == null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidModelJsonError({ kind, path: 'state', message: 'expected an object' });
  }
  return value as Record<string, unknown>;
}
