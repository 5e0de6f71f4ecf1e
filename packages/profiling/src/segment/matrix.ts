import { DimensionMismatchError, InvalidArgumentError } from '@shoppilot/core';

/** A dense row-major matrix: row i is `data[i * cols .. (i + 1) * cols - 1]`. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Rows as arrays, or a `Matrix`, or a `UserFeatures`-like `{ values, names }`. */
export type MatrixInput =
  | Matrix
  | readonly (readonly number[])[]
  | { values: Float64Array; names: readonly string[] };

/** Normalises the accepted inputs to a `Matrix`, checking every value is finite. */
export function toMatrix(input: MatrixInput, argument = 'x'): Matrix {
  let matrix: Matrix;
  if ('data' in input && 'rows' in input) matrix = input as Matrix;
  else if ('values' in input && 'names' in input) {
    const cols = input.names.length;
    matrix = { rows: cols ? input.values.length / cols : 0, cols, data: input.values };
  } else {
    const rows = input as readonly (readonly number[])[];
    const cols = rows[0]?.length ?? 0;
    const data = new Float64Array(rows.length * cols);
    rows.forEach((row, i) => {
      if (row.length !== cols)
        throw new DimensionMismatchError({
          what: `${argument} row ${i}`,
          expected: cols,
          actual: row.length,
        });
      data.set(row, i * cols);
    });
    matrix = { rows: rows.length, cols, data };
  }
  for (let i = 0; i < matrix.data.length; i++) {
    if (!Number.isFinite(matrix.data[i])) {
      throw new InvalidArgumentError({
        argument,
        message: `row ${Math.floor(i / matrix.cols)}, column ${i % matrix.cols} is not finite (fill missing values first)`,
        value: matrix.data[i],
      });
    }
  }
  return matrix;
}

/** Squared Euclidean distance between row `i` of `a` and row `j` of `b` (same width `d`). */
export function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let sum = 0;
  const oa = i * d;
  const ob = j * d;
  for (let k = 0; k < d; k++) {
    const diff = a[oa + k] - b[ob + k];
    sum += diff * diff;
  }
  return sum;
}

/** Rows as plain arrays (for JSON). */
export function matrixRows(matrix: Matrix): number[][] {
  return Array.from({ length: matrix.rows }, (_, i) =>
    Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols)),
  );
}

/** A matrix from plain rows without validation (trusted state). */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) data.set(rows[i], i * cols);
  return { rows: rows.length, cols, data };
}
