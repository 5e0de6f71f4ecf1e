import type { LongRunningOptions } from '@shoppilot/core';

/**
 * `parameters`: updates are local model parameters, averaged by sample count (FedAvg / FedProx).
 * `statistics`: updates are additive sufficient statistics, summed (exact for linear models).
 */
export type UpdateKind = 'parameters' | 'statistics';

export interface LocalTrainingOptions extends LongRunningOptions {
  /** Round number (1-based). */
  round: number;
  /** Local epochs E. */
  epochs: number;
  /** FedProx proximal weight μ (0 = plain FedAvg). */
  proximalMu: number;
  /** Seed of this round's local randomness. */
  seed: number;
}

/** What a client sends (before encryption or masking) and reports. */
export interface LocalUpdate {
  values: Float64Array;
  /** Samples behind the update: the FedAvg weight. */
  samples: number;
  /** Plain numbers reported with the update (losses…); never data. */
  metrics: Record<string, number>;
}

/**
 * A model as the federation sees it: a flat vector of a fixed length. Implementations wrap a
 * client's private data; nothing but `LocalUpdate.values` (and the metrics) ever leaves them.
 */
export interface FederatedTrainer {
  readonly updateKind: UpdateKind;
  /** Length of the update vector. */
  readonly parameterCount: number;
  /** Training samples (the FedAvg weight). */
  readonly sampleCount: number;
  /** Digest of the feature/parameter layout; every client of a federation must have the same. */
  readonly layoutHash: string;
  /** Trains from `global` (undefined in round 1: from the shared seeded initialisation) and returns the update. */
  train(global: Float64Array | undefined, options: LocalTrainingOptions): Promise<LocalUpdate>;
  /** Scores a published global vector on local validation data, next to the client's local-only model. */
  evaluate(global: Float64Array): Promise<Record<string, number>>;
}
