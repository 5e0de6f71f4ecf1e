import type { SparseRows } from '../data/histories';

/** Value of each stored entry of `rows` (e.g. `1 + a · rating`); `rows.values` are the ratings. */
export type EntryValue = (position: number) => number;

/**
 * Adds `weight · Σ_r Σ_{a,b ∈ row r} v_a v_b K(t_a, t_b) e_{i_a} e_{i_b}ᵀ` to the dense row-major
 * `n x n` matrix `gram`, i.e. `weight · Σ_r X_rᵀ K_r X_r` where row r of X holds the entry values
 * `v` and `K_r` is the Laplacian kernel `exp(−|t_a − t_b| / timeScale)` between the row's events
 * (with `timeScale = Infinity`, K = 1 and this is the weighted co-occurrence `XᵀX`). The Laplacian
 * kernel is positive definite, so the sum stays positive semi-definite. Rows must not repeat items
 * (build them with `duplicates: 'last'`).
 */
export function addKernelGram(
  gram: Float64Array,
  rows: SparseRows,
  value: EntryValue,
  timeScale = Number.POSITIVE_INFINITY,
  weight = 1,
): void {
  const n = rows.columns;
  const timed = Number.isFinite(timeScale);
  for (let r = 0; r < rows.rows; r++) {
    const from = rows.offsets[r];
    const to = rows.offsets[r + 1];
    for (let a = from; a < to; a++) {
      const row = rows.indices[a] * n;
      const va = weight * value(a);
      const ta = rows.times[a];
      for (let b = from; b < to; b++) {
        const kernel = timed ? Math.exp(-Math.abs(ta - rows.times[b]) / timeScale) : 1;
        gram[row + rows.indices[b]] += va * value(b) * kernel;
      }
    }
  }
}

/** `1 + ratingWeight · rating` for every entry (1 everywhere when `ratingWeight` is 0). */
export function ratingConfidence(rows: SparseRows, ratingWeight: number): EntryValue {
  return ratingWeight === 0 ? () => 1 : (k) => 1 + ratingWeight * rows.values[k];
}
