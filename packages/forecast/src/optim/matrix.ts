/** A small dense row-major matrix for state-space algebra (not for large problems). */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number, cols: number, values?: readonly number[]): Matrix {
  return { rows, cols, data: values ? Float64Array.from(values) : new Float64Array(rows * cols) };
}

export function identity(n: number): Matrix {
  const out = matrix(n, n);
  for (let i = 0; i < n; i++) out.data[i * n + i] = 1;
  return out;
}

export function get(a: Matrix, i: number, j: number): number {
  return a.data[i * a.cols + j];
}

export function set(a: Matrix, i: number, j: number, value: number): void {
  a.data[i * a.cols + j] = value;
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const out = matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      if (aik === 0) continue;
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j] += aik * b.data[k * b.cols + j];
    }
  }
  return out;
}

export function transpose(a: Matrix): Matrix {
  const out = matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  return out;
}

export function add(...terms: Matrix[]): Matrix {
  const out = matrix(terms[0].rows, terms[0].cols);
  for (const term of terms) for (let i = 0; i < out.data.length; i++) out.data[i] += term.data[i];
  return out;
}

export function scale(a: Matrix, factor: number): Matrix {
  return { rows: a.rows, cols: a.cols, data: a.data.map((v) => v * factor) };
}

/** Kronecker product a ⊗ b. */
export function kronecker(a: Matrix, b: Matrix): Matrix {
  const out = matrix(a.rows * b.rows, a.cols * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      const aij = a.data[i * a.cols + j];
      for (let k = 0; k < b.rows; k++) {
        for (let l = 0; l < b.cols; l++) set(out, i * b.rows + k, j * b.cols + l, aij * get(b, k, l));
      }
    }
  }
  return out;
}

/** Column-stacked vec(a) as a column vector (as R's `c(M)`). */
export function vec(a: Matrix): Matrix {
  const out = matrix(a.rows * a.cols, 1);
  for (let j = 0; j < a.cols; j++) for (let i = 0; i < a.rows; i++) out.data[j * a.rows + i] = get(a, i, j);
  return out;
}

/** a · bᵀ · … shorthand: x' A x for a row vector x. */
export function quadratic(row: Matrix, a: Matrix): number {
  return multiply(multiply(row, a), transpose(row)).data[0];
}
