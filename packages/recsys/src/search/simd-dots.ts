/**
 * Dot products of one query against a block of rows (`dots`; `dotsAbove` keeps only the scores at
 * or above a threshold) or against listed rows (`gather`, for HNSW's neighbour lists) with WebAssembly SIMD (f32x4, four accumulators). The rows live in the module's linear memory, zero-padded to a stride that is a
 * multiple of 16 floats. On 100,000 × 64 this is memory-bandwidth bound (about 2.5× the scalar JS
 * loop in `blockDots`); without WebAssembly SIMD `createSimdDots` returns undefined.
 *
 * The module is `simd-dots.wat` beside this file, assembled with the npm package wabt 1.0.36
 * (`(await require('wabt')()).parseWat(name, text, { simd: true }).toBinary({}).buffer`, base64).
 */
const WASM_BASE64 =
  'AGFzbQEAAAABHQNgBX9/f39/AGAGf39/f39/AGAHf39/f39/fQF/AwQDAAECBQMBAAEHJgQGbWVtb3J5AgAEZG90cwAABmdhdGhlcgABCWRvdHNBYm92ZQACCr8HA6wCAgR/BHsgBCADQQJ0aiEIIAAhBQJAIANFDQADQP0MAAAAAAAAAAAAAAAAAAAAACEJ/QwAAAAAAAAAAAAAAAAAAAAAIQr9DAAAAAAAAAAAAAAAAAAAAAAhC/0MAAAAAAAAAAAAAAAAAAAAACEMIAUgAkECdGohByABIQYDQCAJIAX9AAQAIAb9AAQA/eYB/eQBIQkgCiAF/QAEECAG/QAEEP3mAf3kASEKIAsgBf0ABCAgBv0ABCD95gH95AEhCyAMIAX9AAQwIAb9AAQw/eYB/eQBIQwgBUHAAGohBSAGQcAAaiEGIAUgB0kNAAsgCSAK/eQBIAsgDP3kAf3kASEJIAQgCf0fACAJ/R8BkiAJ/R8CIAn9HwOSkjgCACAEQQRqIQQgBCAISQ0ACwsLwAICBX8EeyAFIARBAnRqIQkgAkECdCEKAkAgBEUNAANA/QwAAAAAAAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ4gACADKAIAIApsaiEGIAYgCmohCCABIQcDQCALIAb9AAQAIAf9AAQA/eYB/eQBIQsgDCAG/QAEECAH/QAEEP3mAf3kASEMIA0gBv0ABCAgB/0ABCD95gH95AEhDSAOIAb9AAQwIAf9AAQw/eYB/eQBIQ4gBkHAAGohBiAHQcAAaiEHIAYgCEkNAAsgCyAM/eQBIA0gDv3kAf3kASELIAUgC/0fACAL/R8BkiAL/R8CIAv9HwOSkjgCACADQQRqIQMgBUEEaiEFIAUgCUkNAAsLC8wCAwV/AX0EeyAAIQcCQCADRQ0AA0D9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ/9DAAAAAAAAAAAAAAAAAAAAAAhECAHIAJBAnRqIQkgASEIA0AgDSAH/QAEACAI/QAEAP3mAf3kASENIA4gB/0ABBAgCP0ABBD95gH95AEhDiAPIAf9AAQgIAj9AAQg/eYB/eQBIQ8gECAH/QAEMCAI/QAEMP3mAf3kASEQIAdBwABqIQcgCEHAAGohCCAHIAlJDQALIA0gDv3kASAPIBD95AH95AEhDSAN/R8AIA39HwGSIA39HwIgDf0fA5KSIQwgDCAGYARAIAQgC0ECdGogDDgCACAFIAtBAnRqIAo2AgAgC0EBaiELCyAKQQFqIQogCiADSQ0ACwsgCws=';

export interface SimdDots {
  /** Row stride in floats (dimension rounded up to a multiple of 16). */
  readonly stride: number;
  /** The rows, zero-padded to `stride` (a view into the module's memory). */
  readonly rows: Float32Array;
  /** The query buffer (length `stride`, padding zero). */
  readonly query: Float32Array;
  /** The output block. */
  readonly out: Float32Array;
  /** Row ids for `gather` (same length as `out`). */
  readonly ids: Int32Array;
  /** `out[i] = rows[start + i] · query` for i < count (count <= out.length). */
  dots(start: number, count: number): void;
  /**
   * Scores rows [start, start + count) and keeps those scoring >= threshold: returns how many, with
   * their scores in `out` and their offsets from `start` in `ids` (count <= out.length).
   */
  dotsAbove(start: number, count: number, threshold: number): number;
  /** `out[i] = rows[ids[i]] · query` for i < count (count <= out.length). */
  gather(count: number): void;
}

/** Copies `vectors` into a SIMD kernel's memory, or returns undefined when SIMD is unavailable or the rows do not fit. */
export function createSimdDots(
  vectors: Float32Array,
  dimension: number,
  blockSize: number,
): SimdDots | undefined {
  const n = vectors.length / dimension;
  const stride = Math.ceil(dimension / 16) * 16;
  const bytes = (n * stride + stride + 2 * blockSize) * 4;
  if (typeof WebAssembly === 'undefined' || bytes > 2 ** 31) return undefined;
  let exports: {
    memory: WebAssembly.Memory;
    dots: (...args: number[]) => void;
    gather: (...args: number[]) => void;
    dotsAbove: (...args: number[]) => number;
  };
  try {
    const module = new WebAssembly.Module(decodeBase64(WASM_BASE64));
    exports = new WebAssembly.Instance(module).exports as typeof exports;
  } catch {
    return undefined;
  }
  const memory = exports.memory;
  try {
    memory.grow(Math.max(0, Math.ceil(bytes / 65536) - memory.buffer.byteLength / 65536));
  } catch {
    return undefined; // no room for a second copy of the rows: the caller scores in JS
  }
  const rows = new Float32Array(memory.buffer, 0, n * stride);
  if (stride === dimension) rows.set(vectors);
  else for (let i = 0; i < n; i++) rows.set(vectors.subarray(i * dimension, (i + 1) * dimension), i * stride);
  const queryOffset = n * stride * 4;
  const outOffset = queryOffset + stride * 4;
  const query = new Float32Array(memory.buffer, queryOffset, stride);
  const out = new Float32Array(memory.buffer, outOffset, blockSize);
  const idsOffset = outOffset + blockSize * 4;
  const ids = new Int32Array(memory.buffer, idsOffset, blockSize);
  const { dots, dotsAbove, gather } = exports;
  return {
    stride,
    rows,
    query,
    out,
    ids,
    dots: (start, count) => dots(start * stride * 4, queryOffset, stride, count, outOffset),
    dotsAbove: (start, count, threshold) =>
      dotsAbove(start * stride * 4, queryOffset, stride, count, outOffset, idsOffset, threshold),
    gather: (count) => gather(0, queryOffset, stride, idsOffset, count, outOffset),
  };
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
