import {
  InvalidArgumentError,
  type LongRunningOptions,
  throwIfAborted,
  yieldToEventLoop,
} from '@shoppilot/core';
import { dotRange, tileDots } from './tile-dots';

/** Columns per panel of the blocked factorisation. */
const PANEL = 64;

/**
 * Inverse of a symmetric positive definite matrix (row-major `n x n` Float64Array), in three
 * blocked passes that all run on one register-tiled dot-product kernel: a left-looking Cholesky
 * factorisation `A = L Lᵀ` (n³/6 multiply-adds), `W = L⁻ᵀ` by forward substitution (n³/6), and
 * `A⁻¹ = W Wᵀ` (n³/6). Overwrites `a` with the full symmetric inverse and returns it. Throws
 * `InvalidArgumentError` naming the row where the matrix stops being positive definite.
 */
export async function invertSpd(
  a: Float64Array,
  n: number,
  options: LongRunningOptions = {},
): Promise<Float64Array> {
  checkSquare(a, n);
  const total = 3;
  const report = (stage: number, fraction: number) =>
    options.onProgress?.({
      stage: 'spd-inverse',
      completed: stage + fraction,
      total,
      message: ['cholesky', 'triangular inverse', 'product'][stage],
    });
  await choleskyInPlace(a, n, { ...options, onProgress: (event) => report(0, progressFraction(event)) });
  const w = await lowerInverseTransposed(a, n, options, (fraction) => report(1, fraction));
  await symmetricProduct(w, n, a, options, (fraction) => report(2, fraction));
  report(2, 1);
  return a;
}

function progressFraction(event: { completed: number; total?: number }): number {
  return event.total ? event.completed / event.total : 0;
}

function checkSquare(a: Float64Array, n: number): void {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) {
    throw new InvalidArgumentError({
      argument: 'a',
      message: `expected a row-major ${n} x ${n} matrix (${n * n} values), got ${a.length} values`,
    });
  }
}

/**
 * Cholesky factorisation in place: the lower triangle (with the diagonal) of `a` becomes `L` with
 * `A = L Lᵀ`; entries above the diagonal are left unspecified.
 */
export async function choleskyInPlace(
  a: Float64Array,
  n: number,
  options: LongRunningOptions = {},
): Promise<void> {
  checkSquare(a, n);
  const tile = new Float64Array(16);
  for (let k0 = 0; k0 < n; k0 += PANEL) {
    throwIfAborted(options.signal);
    const k1 = Math.min(k0 + PANEL, n);
    if (k0 > 0) updatePanel(a, n, k0, k1, tile);
    factorPanel(a, n, k0, k1);
    options.onProgress?.({ stage: 'cholesky', completed: k1, total: n });
    await yieldToEventLoop();
  }
}

/** `a[i][j] -= sum_{p < k0} L[i][p] L[j][p]` for the panel columns j in [k0, k1) and rows i >= j. */
function updatePanel(a: Float64Array, n: number, k0: number, k1: number, tile: Float64Array): void {
  for (let i = k0; i < n; i += 4) {
    const rows = Math.min(4, n - i);
    for (let j = k0; j < k1 && j < i + rows; j += 4) {
      const cols = Math.min(4, k1 - j);
      tileDots(a, i, rows, a, j, cols, n, 0, k0, tile);
      for (let r = 0; r < rows; r++) {
        const row = (i + r) * n;
        for (let c = 0; c < cols; c++) if (j + c <= i + r) a[row + j + c] -= tile[r * 4 + c];
      }
    }
  }
}

/** Unblocked factorisation of the panel columns [k0, k1) (already updated by earlier panels). */
function factorPanel(a: Float64Array, n: number, k0: number, k1: number): void {
  for (let j = k0; j < k1; j++) {
    const rowJ = j * n;
    const pivot = a[rowJ + j] - dotRange(a, rowJ + k0, a, rowJ + k0, j - k0);
    if (!(pivot > 0)) {
      throw new InvalidArgumentError({
        argument: 'a',
        message: `matrix is not positive definite (pivot ${pivot} at row ${j}); add a larger ridge term`,
      });
    }
    const diagonal = Math.sqrt(pivot);
    a[rowJ + j] = diagonal;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      a[rowI + j] = (a[rowI + j] - dotRange(a, rowI + k0, a, rowJ + k0, j - k0)) / diagonal;
    }
  }
}

/**
 * `W = L⁻ᵀ` stored row-major in a new array (row j of W is column j of L⁻¹: `W[j][i]` for
 * i >= j, zero below), from the lower triangle of `l`, by forward substitution
 * `W[j][i] = (δ_ij − Σ_{j <= p < i} L[i][p] W[j][p]) / L[i][i]`.
 */
async function lowerInverseTransposed(
  l: Float64Array,
  n: number,
  options: LongRunningOptions,
  report: (fraction: number) => void,
): Promise<Float64Array> {
  const w = new Float64Array(n * n);
  const tile = new Float64Array(16);
  for (let it = 0; it < n; it += 4) {
    const rows = Math.min(4, n - it);
    for (let jt = 0; jt < it; jt += 4) {
      tileDots(l, it, rows, w, jt, 4, n, jt, it, tile);
      for (let r = 0; r < rows; r++) {
        const i = it + r;
        for (let c = 0; c < 4; c++) {
          const j = jt + c;
          const s = tile[r * 4 + c] + dotRange(l, i * n + it, w, j * n + it, i - it);
          w[j * n + i] = -s / l[i * n + i];
        }
      }
    }
    for (let r = 0; r < rows; r++) {
      const i = it + r;
      const diagonal = l[i * n + i];
      for (let j = it; j < i; j++) w[j * n + i] = -dotRange(l, i * n + j, w, j * n + j, i - j) / diagonal;
      w[i * n + i] = 1 / diagonal;
    }
    if ((it & 255) === 0) {
      throwIfAborted(options.signal);
      report(triangularShare(it, n));
      await yieldToEventLoop();
    }
  }
  return w;
}

function triangularShare(done: number, n: number): number {
  return (done / n) ** 3;
}

/** `out = W Wᵀ` (symmetric, both triangles written) for the upper-triangular row-major `w`. */
async function symmetricProduct(
  w: Float64Array,
  n: number,
  out: Float64Array,
  options: LongRunningOptions,
  report: (fraction: number) => void,
): Promise<void> {
  const tile = new Float64Array(16);
  for (let at = 0; at < n; at += 4) {
    const rows = Math.min(4, n - at);
    for (let bt = 0; bt <= at; bt += 4) {
      const cols = Math.min(4, n - bt);
      tileDots(w, at, rows, w, bt, cols, n, at, n, tile);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const ia = at + r;
          const ib = bt + c;
          if (ib > ia) continue;
          out[ia * n + ib] = tile[r * 4 + c];
          out[ib * n + ia] = tile[r * 4 + c];
        }
      }
    }
    if ((at & 255) === 0) {
      throwIfAborted(options.signal);
      report(1 - (1 - at / n) ** 3);
      await yieldToEventLoop();
    }
  }
}
