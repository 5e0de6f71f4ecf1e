/**
 * Dot products of one query against a block of rows with WebAssembly SIMD (f32x4, four
 * accumulators). The rows live in the module's linear memory, zero-padded to a stride that is a
 * multiple of 16 floats. On 100,000 × 64 this is memory-bandwidth bound (about 2.5× the scalar JS
 * loop in `blockDots`); without WebAssembly SIMD `createSimdDots` returns undefined.
 *
 * The module is `simd-dots.wat` beside this file, assembled with the npm package wabt 1.0.36
 * (`(await require('wabt')()).parseWat(name, text, { simd: true }).toBinary({}).buffer`, base64).
 */
const WASM_BASE64 =
  'AGFzbQEAAAABCQFgBX9/f39/AAMCAQAFAwEAAQcRAgZtZW1vcnkCAARkb3RzAAAKrwIBrAICBH8EeyAEIANBAnRqIQggACEFAkAgA0UNAANA/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQwgBSACQQJ0aiEHIAEhBgNAIAkgBf0ABAAgBv0ABAD95gH95AEhCSAKIAX9AAQQIAb9AAQQ/eYB/eQBIQogCyAF/QAEICAG/QAEIP3mAf3kASELIAwgBf0ABDAgBv0ABDD95gH95AEhDCAFQcAAaiEFIAZBwABqIQYgBSAHSQ0ACyAJIAr95AEgCyAM/eQB/eQBIQkgBCAJ/R8AIAn9HwGSIAn9HwIgCf0fA5KSOAIAIARBBGohBCAEIAhJDQALCws=';

export interface SimdDots {
  /** Row stride in floats (dimension rounded up to a multiple of 16). */
  readonly stride: number;
  /** The rows, zero-padded to `stride` (a view into the module's memory). */
  readonly rows: Float32Array;
  /** The query buffer (length `stride`, padding zero). */
  readonly query: Float32Array;
  /** The output block. */
  readonly out: Float32Array;
  /** `out[i] = rows[start + i] · query` for i < count (count <= out.length). */
  dots(start: number, count: number): void;
}

/** Copies `vectors` into a SIMD kernel's memory, or returns undefined when SIMD is unavailable or the rows do not fit. */
export function createSimdDots(
  vectors: Float32Array,
  dimension: number,
  blockSize: number,
): SimdDots | undefined {
  const n = vectors.length / dimension;
  const stride = Math.ceil(dimension / 16) * 16;
  const bytes = (n * stride + stride + blockSize) * 4;
  if (typeof WebAssembly === 'undefined' || bytes > 2 ** 31) return undefined;
  let exports: { memory: WebAssembly.Memory; dots: (...args: number[]) => void };
  try {
    const module = new WebAssembly.Module(decodeBase64(WASM_BASE64));
    exports = new WebAssembly.Instance(module).exports as typeof exports;
  } catch {
    return undefined;
  }
  const memory = exports.memory;
  memory.grow(Math.max(0, Math.ceil(bytes / 65536) - memory.buffer.byteLength / 65536));
  const rows = new Float32Array(memory.buffer, 0, n * stride);
  if (stride === dimension) rows.set(vectors);
  else for (let i = 0; i < n; i++) rows.set(vectors.subarray(i * dimension, (i + 1) * dimension), i * stride);
  const queryOffset = n * stride * 4;
  const outOffset = queryOffset + stride * 4;
  const query = new Float32Array(memory.buffer, queryOffset, stride);
  const out = new Float32Array(memory.buffer, outOffset, blockSize);
  const kernel = exports.dots;
  return {
    stride,
    rows,
    query,
    out,
    dots: (start, count) => kernel(start * stride * 4, queryOffset, stride, count, outOffset),
  };
}

function decodeBase64(text: string): Uint8Array {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(text, 'base64'));
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
