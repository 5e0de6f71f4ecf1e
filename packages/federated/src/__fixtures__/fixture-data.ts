import { createRng } from '@shoppilot/core';
import type { RegressionData } from '../models/mlp/mlp-trainer';

/** The client's private data: y = 0.3 + x·β + noise, β = [1.5, −2, 0.5] (tests regenerate it). */
export function fixtureData(seed: number, rows: number): RegressionData {
  const rng = createRng(seed);
  const beta = [1.5, -2, 0.5];
  const x = Float64Array.from({ length: rows * 3 }, () => rng.normal());
  const y = Float64Array.from(
    { length: rows },
    (_, r) => 0.3 + beta.reduce((a, b, j) => a + b * x[r * 3 + j], 0) + 0.1 * rng.normal(),
  );
  return { x, y, inputs: 3 };
}
