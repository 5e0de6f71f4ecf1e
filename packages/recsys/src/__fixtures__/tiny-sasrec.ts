import type { SasRecOptions } from '../models/sasrec/sasrec-options';

/**
 * A SASRec small enough to train in a test in a second: one block, width 16, no dropout, a large
 * step. Tests override what they are about (heads, maxLength, epochs, prior).
 */
export function tinySasRecOptions(overrides: SasRecOptions = {}): SasRecOptions {
  return {
    dim: 16,
    heads: 1,
    blocks: 1,
    dropout: 0,
    batchSize: 32,
    learningRate: 0.01,
    seed: 3,
    ...overrides,
  };
}
