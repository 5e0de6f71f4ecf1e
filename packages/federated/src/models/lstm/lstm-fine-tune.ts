import { DimensionMismatchError, InvalidArgumentError, type LongRunningOptions } from '@shoppilot/core';
import type { LstmAttentionForecaster } from '@shoppilot/forecast';
import type { LstmTrainer } from './lstm-trainer';

export interface FineTuneOptions extends LongRunningOptions {
  /** Local epochs from the global model (0 = the global model itself). Default 1. */
  epochs?: number;
  /** Seed of the local shuffling. Default 0. */
  seed?: number;
}

export interface FineTuned {
  /** The fine-tuned shared weights (`global` itself, copied, for 0 epochs). */
  values: Float64Array;
  /** The client's fine-tuned network (shared weights + its own embedding) as a forecaster. */
  forecaster: LstmAttentionForecaster;
  /** Mean training loss of the last local epoch (NaN for 0 epochs). */
  trainLoss: number;
}

/**
 * "FedAvg + local fine-tuning" (Wang et al. 2019, Federated Evaluation of On-device
 * Personalization; Yu et al. 2020, Salvaging Federated Learning by Local Adaptation): the client
 * takes the received global model and trains it for a fixed few epochs on its own data, at its own
 * batch size and learning rate, without the proximal term (Adam restarted). Nothing is sent back;
 * the result is the client's personalised model.
 */
export async function fineTuneLocally(
  trainer: LstmTrainer,
  global: Float64Array,
  options: FineTuneOptions = {},
): Promise<FineTuned> {
  const epochs = options.epochs ?? 1;
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new InvalidArgumentError({
      argument: 'epochs',
      message: 'fineTuneLocally: must be a non-negative integer',
      value: epochs,
    });
  if (global.length !== trainer.parameterCount)
    throw new DimensionMismatchError({
      what: "fineTuneLocally: global model vs the trainer's shared weights",
      expected: trainer.parameterCount,
      actual: global.length,
    });
  if (epochs === 0)
    return {
      values: Float64Array.from(global),
      forecaster: trainer.forecaster(global),
      trainLoss: Number.NaN,
    };
  const update = await trainer.fineTune(global, {
    epochs,
    seed: options.seed ?? 0,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  return {
    values: update.values,
    forecaster: trainer.forecaster(update.values),
    trainLoss: update.metrics?.trainLoss ?? Number.NaN,
  };
}
