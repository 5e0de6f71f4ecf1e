import { createRng } from '@shoppilot/core';
import type { SparseRows } from '../../data/histories';

/**
 * Item embeddings `[items + 1, dim]` (row 0 = padding, zeros) from the training sequences alone:
 * the positive PMI of item pairs seen within `window` steps of each other in a user's sequence,
 * factorised by its top `dim` eigenpairs (block power iteration, `E = Q·diag(√max(λ, 0))`, so
 * `E·Eᵀ` approximates the PPMI matrix — the matrix that skip-gram item2vec factorises implicitly,
 * Levy & Goldberg 2014). Rows are rescaled to SASRec's random-init scale (mean square `1/dim`);
 * items without any co-occurrence keep a seeded random row. Used as SASRec's pretraining on
 * sparse data, where each item is seen only a few times.
 */
export function cooccurrenceEmbedding(
  rows: SparseRows,
  items: number,
  dim: number,
  options: { window?: number; iterations?: number; seed?: number } = {},
): Float32Array {
  const matrix = ppmi(rows, items, options.window ?? 3);
  const rng = createRng(options.seed ?? 0);
  const k = Math.min(dim, items);
  let basis: Float64Array[] = Array.from({ length: k }, () =>
    Float64Array.from({ length: items }, () => rng.normal()),
  );
  orthonormalise(basis);
  for (let it = 0; it < (options.iterations ?? 30); it++) {
    basis = basis.map((v) => matrix.times(v));
    orthonormalise(basis);
  }
  const table = new Float32Array((items + 1) * dim);
  basis.forEach((q, c) => {
    const mq = matrix.times(q);
    let lambda = 0;
    for (let i = 0; i < items; i++) lambda += q[i] * mq[i];
    const scale = Math.sqrt(Math.max(lambda, 0));
    for (let i = 0; i < items; i++) table[(i + 1) * dim + c] = q[i] * scale;
  });
  rescale(table, items, dim, rng);
  return table;
}

interface SymmetricSparse {
  times(v: Float64Array): Float64Array<ArrayBufferLike>;
}

/** PPMI of within-window co-occurrence, symmetric, as CSR with a matrix-vector product. */
function ppmi(rows: SparseRows, items: number, window: number): SymmetricSparse {
  const counts = Array.from({ length: items }, () => new Map<number, number>());
  const totals = new Float64Array(items);
  let all = 0;
  for (let u = 0; u < rows.rows; u++) {
    for (let a = rows.offsets[u]; a < rows.offsets[u + 1]; a++) {
      for (let b = a + 1; b < Math.min(rows.offsets[u + 1], a + 1 + window); b++) {
        const i = rows.indices[a];
        const j = rows.indices[b];
        if (i === j) continue;
        counts[i].set(j, (counts[i].get(j) ?? 0) + 1);
        counts[j].set(i, (counts[j].get(i) ?? 0) + 1);
        totals[i]++;
        totals[j]++;
        all += 2;
      }
    }
  }
  const offsets = new Int32Array(items + 1);
  const columns: number[] = [];
  const values: number[] = [];
  counts.forEach((row, i) => {
    for (const [j, c] of row) {
      const pmi = Math.log((c * all) / (totals[i] * totals[j]));
      if (pmi > 0) {
        columns.push(j);
        values.push(pmi);
      }
    }
    offsets[i + 1] = columns.length;
  });
  return {
    times(v) {
      const out = new Float64Array(items);
      for (let i = 0; i < items; i++) {
        let s = 0;
        for (let p = offsets[i]; p < offsets[i + 1]; p++) s += values[p] * v[columns[p]];
        out[i] = s;
      }
      return out;
    },
  };
}

function orthonormalise(basis: Float64Array[]): void {
  for (let c = 0; c < basis.length; c++) {
    const v = basis[c];
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i] * basis[p][i];
      for (let i = 0; i < v.length; i++) v[i] -= dot * basis[p][i];
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < v.length; i++) v[i] /= norm;
  }
}

/** Scales the rows to mean square `1/dim` per entry; all-zero rows get N(0, 1/dim) entries. */
function rescale(table: Float32Array, items: number, dim: number, rng: ReturnType<typeof createRng>): void {
  let squares = 0;
  let filled = 0;
  const norms = new Float64Array(items + 1);
  for (let i = 1; i <= items; i++) {
    for (let d = 0; d < dim; d++) norms[i] += table[i * dim + d] ** 2;
    if (norms[i] > 0) {
      squares += norms[i];
      filled++;
    }
  }
  const scale = filled ? Math.sqrt(filled / squares) : 1;
  for (let i = 1; i <= items; i++) {
    for (let d = 0; d < dim; d++) {
      const at = i * dim + d;
      table[at] = norms[i] > 0 ? table[at] * scale : rng.normal() / Math.sqrt(dim);
    }
  }
}
