import { createRng, InvalidArgumentError } from '@shoppilot/core';
import { describe, expect, it } from 'vitest';
import { invertSpd } from './spd-inverse';

describe('invertSpd (blocked Cholesky → triangular inverse → product)', () => {
  it('matches the Sherman–Morrison closed form (cI + uuᵀ)⁻¹ = (I − uuᵀ/(c + uᵀu)) / c across panel and tile edges', async () => {
    const n = 71; // > one 64-column panel, not a multiple of the 4x4 tile
    const c = 2.5;
    const rng = createRng(3);
    const u = Float64Array.from({ length: n }, () => rng.normal());
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (i === j ? c : 0) + u[i] * u[j];
    const uu = u.reduce((s, x) => s + x * x, 0);
    const inverse = await invertSpd(a, n);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const expected = ((i === j ? 1 : 0) - (u[i] * u[j]) / (c + uu)) / c;
        worst = Math.max(worst, Math.abs(inverse[i * n + j] - expected));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('A · A⁻¹ = I for a random Gram matrix plus a ridge', async () => {
    const n = 45;
    const rng = createRng(5);
    const x = Float64Array.from({ length: n * 10 }, () => rng.next());
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = i === j ? 0.5 : 0;
        for (let p = 0; p < 10; p++) s += x[i * 10 + p] * x[j * 10 + p];
        a[i * n + j] = s;
      }
    const original = a.slice();
    const inverse = await invertSpd(a, n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < n; p++) s += original[i * n + p] * inverse[p * n + j];
        expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-9);
      }
  });

  it('rejects a matrix that is not positive definite, naming the row', async () => {
    const a = Float64Array.from([1, 2, 2, 1]);
    await expect(invertSpd(a, 2)).rejects.toSatisfy(
      (error: unknown) => InvalidArgumentError.isInstance(error) && /row 1/.test((error as Error).message),
    );
  });
});
