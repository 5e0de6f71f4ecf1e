import { choleskySolve } from '../../optim/least-squares';

/** Accumulates XᵀX and Xᵀy from sparse rows (few nonzeros among many columns, e.g. fixed effects). */
export class NormalEquations {
  readonly size: number;
  readonly xtx: Float64Array;
  readonly xty: Float64Array;
  rows = 0;

  constructor(size: number) {
    this.size = size;
    this.xtx = new Float64Array(size * size);
    this.xty = new Float64Array(size);
  }

  /** Adds one row given by its nonzero column indices and values. */
  add(indices: ArrayLike<number>, values: ArrayLike<number>, target: number, count = indices.length): void {
    const n = this.size;
    for (let a = 0; a < count; a++) {
      const i = indices[a];
      const vi = values[a];
      this.xty[i] += vi * target;
      const offset = i * n;
      for (let b = 0; b < count; b++) this.xtx[offset + indices[b]] += vi * values[b];
    }
    this.rows++;
  }

  /** Solves (XᵀX + diag(penalty)) β = Xᵀy. */
  solve(penalty: ArrayLike<number>): Float64Array {
    const a = Float64Array.from(this.xtx);
    for (let i = 0; i < this.size; i++) a[i * this.size + i] += penalty[i];
    return choleskySolve(a, this.xty, this.size);
  }
}
