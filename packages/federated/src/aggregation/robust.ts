import { InvalidArgumentError } from '@shoppilot/core';
import { checkSameLength } from '../vector/vector-ops';

/**
 * Coordinate-wise trimmed mean (Yin et al. 2018): per coordinate, drop the `trim` share of the
 * smallest and of the largest values, average the rest (unweighted). `trim` in [0, 0.5).
 */
export function trimmedMean(vectors: readonly Float64Array[], trim = 0.1): Float64Array {
  if (!(trim >= 0 && trim < 0.5)) {
    throw new InvalidArgumentError({ argument: 'trim', message: 'must be in [0, 0.5)', value: trim });
  }
  const m = checkVectors(vectors);
  const cut = Math.floor(trim * m);
  return coordinateWise(vectors, (column) => {
    let sum = 0;
    for (let k = cut; k < m - cut; k++) sum += column[k];
    return sum / (m - 2 * cut);
  });
}

/** Coordinate-wise median (Yin et al. 2018): the middle value, or the mean of the two middle ones. */
export function coordinateMedian(vectors: readonly Float64Array[]): Float64Array {
  const m = checkVectors(vectors);
  const half = Math.floor(m / 2);
  return coordinateWise(vectors, (column) => (m % 2 ? column[half] : (column[half - 1] + column[half]) / 2));
}

/** Applies `reduce` to each coordinate's sorted values. */
function coordinateWise(
  vectors: readonly Float64Array[],
  reduce: (sorted: Float64Array) => number,
): Float64Array {
  const length = vectors[0].length;
  const column = new Float64Array(vectors.length);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    for (let k = 0; k < vectors.length; k++) column[k] = vectors[k][i];
    column.sort();
    out[i] = reduce(column);
  }
  return out;
}

function checkVectors(vectors: readonly Float64Array[]): number {
  if (vectors.length === 0) {
    throw new InvalidArgumentError({ argument: 'vectors', message: 'needs at least one vector' });
  }
  vectors.forEach((v, k) => {
    checkSameLength(vectors[0], v, `vectors[${k}]`);
  });
  return vectors.length;
}
