/**
 * Register-tiled dot products between rows of row-major matrices: the one kernel behind the
 * blocked Cholesky factorisation, the triangular inverse and the symmetric product in
 * `invertSpd`. Four rows of `a` against four rows of `b` share every load (16 multiply-adds per
 * 8 loads), which is what makes a dense 5,000 x 5,000 inverse feasible in plain JavaScript.
 */

/**
 * `out[r * 4 + c] = sum_{p in [p0, p1)} a[(i + r) * n + p] * b[(j + c) * n + p]` for r, c < 4.
 * Rows `i..i+3` of `a` and `j..j+3` of `b` must exist.
 */
export function tileDots4x4(
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
  n: number,
  p0: number,
  p1: number,
  out: Float64Array,
): void {
  const a0 = i * n;
  const a1 = a0 + n;
  const a2 = a1 + n;
  const a3 = a2 + n;
  const b0 = j * n;
  const b1 = b0 + n;
  const b2 = b1 + n;
  const b3 = b2 + n;
  let c00 = 0;
  let c01 = 0;
  let c02 = 0;
  let c03 = 0;
  let c10 = 0;
  let c11 = 0;
  let c12 = 0;
  let c13 = 0;
  let c20 = 0;
  let c21 = 0;
  let c22 = 0;
  let c23 = 0;
  let c30 = 0;
  let c31 = 0;
  let c32 = 0;
  let c33 = 0;
  for (let p = p0; p < p1; p++) {
    const x0 = a[a0 + p];
    const x1 = a[a1 + p];
    const x2 = a[a2 + p];
    const x3 = a[a3 + p];
    const y0 = b[b0 + p];
    const y1 = b[b1 + p];
    const y2 = b[b2 + p];
    const y3 = b[b3 + p];
    c00 += x0 * y0;
    c01 += x0 * y1;
    c02 += x0 * y2;
    c03 += x0 * y3;
    c10 += x1 * y0;
    c11 += x1 * y1;
    c12 += x1 * y2;
    c13 += x1 * y3;
    c20 += x2 * y0;
    c21 += x2 * y1;
    c22 += x2 * y2;
    c23 += x2 * y3;
    c30 += x3 * y0;
    c31 += x3 * y1;
    c32 += x3 * y2;
    c33 += x3 * y3;
  }
  out[0] = c00;
  out[1] = c01;
  out[2] = c02;
  out[3] = c03;
  out[4] = c10;
  out[5] = c11;
  out[6] = c12;
  out[7] = c13;
  out[8] = c20;
  out[9] = c21;
  out[10] = c22;
  out[11] = c23;
  out[12] = c30;
  out[13] = c31;
  out[14] = c32;
  out[15] = c33;
}

/** The general (edge) case: `rows x cols` dots, rows/cols <= 4, same layout as `tileDots4x4`. */
export function tileDots(
  a: Float64Array,
  i: number,
  rows: number,
  b: Float64Array,
  j: number,
  cols: number,
  n: number,
  p0: number,
  p1: number,
  out: Float64Array,
): void {
  if (rows === 4 && cols === 4) {
    tileDots4x4(a, i, b, j, n, p0, p1, out);
    return;
  }
  for (let r = 0; r < rows; r++) {
    const ar = (i + r) * n;
    for (let c = 0; c < cols; c++) {
      const bc = (j + c) * n;
      let sum = 0;
      for (let p = p0; p < p1; p++) sum += a[ar + p] * b[bc + p];
      out[r * 4 + c] = sum;
    }
  }
}

/** Dot product of `a[ia + p]` and `b[ib + p]` for p in [0, length). */
export function dotRange(a: Float64Array, ia: number, b: Float64Array, ib: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let p = 0;
  for (; p + 1 < length; p += 2) {
    s0 += a[ia + p] * b[ib + p];
    s1 += a[ia + p + 1] * b[ib + p + 1];
  }
  if (p < length) s0 += a[ia + p] * b[ib + p];
  return s0 + s1;
}
