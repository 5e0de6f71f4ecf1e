import { createRng } from '@shoppilot/core';
import { normalise } from './hashed-features';

/**
 * A seeded Gaussian random projection `R` (`output x input`, entries N(0, 1/output)): by the
 * Johnson–Lindenstrauss lemma inner products are preserved in expectation, so any-length input
 * vectors (image embeddings, concatenated modalities) land in a fixed-size space.
 */
export function randomProjection(input: number, output: number, seed: number): Float32Array {
  const rng = createRng(seed * 1_000_003 + input);
  const scale = 1 / Math.sqrt(output);
  return Float32Array.from({ length: input * output }, () => rng.normal(0, scale));
}

/** `R x` for a row-major `output x input` matrix. */
export function project(matrix: Float32Array, x: ArrayLike<number>, output: number): Float32Array {
  const input = x.length;
  const out = new Float32Array(output);
  for (let o = 0; o < output; o++) {
    let s = 0;
    const row = o * input;
    for (let i = 0; i < input; i++) s += matrix[row + i] * x[i];
    out[o] = s;
  }
  return out;
}

/**
 * Principal components (a learned projection): the top `output` eigenvectors of the centred
 * covariance of `rows` by block power iteration with Gram–Schmidt, returned row-major
 * (`output x input`) with the mean. Deterministic for a seed.
 */
export function principalComponents(
  rows: readonly Float32Array[],
  output: number,
  seed: number,
  iterations = 30,
): { components: Float32Array; mean: Float32Array } {
  const input = rows[0]?.length ?? 0;
  const mean = new Float32Array(input);
  for (const row of rows) for (let i = 0; i < input; i++) mean[i] += row[i] / rows.length;
  const k = Math.min(output, input);
  const basis: Float64Array[] = Array.from({ length: k }, (_, c) =>
    Float64Array.from(randomProjection(input, 1, seed + c)),
  );
  for (let it = 0; it < iterations; it++) {
    for (let c = 0; c < k; c++) basis[c] = covarianceTimes(rows, mean, basis[c]);
    orthonormalise(basis);
  }
  const components = new Float32Array(output * input);
  basis.forEach((vector, c) => {
    components.set(vector, c * input);
  });
  return { components, mean };
}

function covarianceTimes(rows: readonly Float32Array[], mean: Float32Array, v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (const row of rows) {
    let dot = 0;
    for (let i = 0; i < v.length; i++) dot += (row[i] - mean[i]) * v[i];
    for (let i = 0; i < v.length; i++) out[i] += dot * (row[i] - mean[i]);
  }
  return out;
}

function orthonormalise(basis: Float64Array[]): void {
  for (let c = 0; c < basis.length; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let i = 0; i < basis[c].length; i++) dot += basis[c][i] * basis[p][i];
      for (let i = 0; i < basis[c].length; i++) basis[c][i] -= dot * basis[p][i];
    }
    normalise(basis[c]);
  }
}
