import { DimensionMismatchError, InvalidArgumentError } from '@shoppilot/core';

/** Euclidean norm. */
export function l2Norm(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

/** `a - b`, element-wise. */
export function subtract(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  checkSameLength(a, b, 'b');
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

/** `a + b`, element-wise. */
export function add(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  checkSameLength(a, b, 'b');
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
  return out;
}

/** `factor * values` as a new array. */
export function scaled(values: ArrayLike<number>, factor: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] * factor;
  return out;
}

/** Largest absolute value (0 for an empty vector). */
export function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}

/** Throws unless every value is finite, naming the first bad index. */
export function checkFinite(values: ArrayLike<number>, argument: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new InvalidArgumentError({
        argument: `${argument}[${i}]`,
        message: 'must be a finite number',
        value: values[i],
      });
    }
  }
}

export function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>, argument: string): void {
  if (a.length !== b.length) {
    throw new DimensionMismatchError({ what: argument, expected: a.length, actual: b.length });
  }
}

/** Float64 values as little-endian bytes (a copy). */
export function float64ToBytes(values: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  return out;
}

/** Little-endian float64 bytes back to values; the byte length must be a multiple of 8. */
export function bytesToFloat64(bytes: Uint8Array): Float64Array {
  if (bytes.length % 8 !== 0) {
    throw new InvalidArgumentError({
      argument: 'bytes',
      message: `length ${bytes.length} is not a multiple of 8`,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}
