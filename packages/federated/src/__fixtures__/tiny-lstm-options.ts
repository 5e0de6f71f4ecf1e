import type { LstmTrainerOptions } from '../models/lstm/lstm-trainer';

/**
 * A small federated LSTM+Attention set-up for tests on `syntheticPanel` (horizon 4, lookback 8,
 * 2-dim series embedding, log price, three brands, seed 5); `units` and `batchSize` vary per test.
 */
export function tinyLstmOptions(units: number, batchSize: number): LstmTrainerOptions {
  return {
    horizon: 4,
    lookback: 8,
    units,
    embedding: 2,
    batchSize,
    learningRate: 0.01,
    originStride: 2,
    transforms: { price: 'log' },
    staticLevels: { brand: ['x', 'y', 'z'] },
    compareLocal: false,
    seed: 5,
  };
}
