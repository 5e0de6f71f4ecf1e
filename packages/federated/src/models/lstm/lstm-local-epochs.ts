import { createRng, type LongRunningOptions, yieldToEventLoop } from '@shoppilot/core';
import { type SampleArrays, trainLstmEpoch } from '@shoppilot/forecast';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

export interface LocalEpochOptions extends LongRunningOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Global gradient-norm clip (forecast uses 1). */
  clipNorm: number;
  levels: readonly number[];
  /** Seed of the shuffling. */
  seed: number;
  /** FedProx μ: adds (μ/2)·‖w − w_global‖² over `anchor`'s variables to the loss. */
  proximalMu: number;
  /** The shared variables and their global values (the proximal centre). */
  anchor?: ReadonlyArray<{ variable: tf.Variable; value: tf.Tensor }>;
}

/**
 * E epochs of forecast's `trainLstmEpoch` on a client's samples: seeded shuffling, mini-batches of
 * the masked pinball loss over every quantile and step, Adam (state restarted every call, as in
 * FedAvg), global gradient-norm clipping; with μ > 0 the FedProx proximal term joins the loss
 * before clipping. With μ = 0 it runs the very operations of forecast's `trainLstmNetwork` (without
 * its early stopping), so one epoch from the same seed gives the same weights. Returns the mean
 * loss of the last epoch.
 */
export async function trainLocalEpochs(
  network: tfl.LayersModel,
  data: SampleArrays,
  options: LocalEpochOptions,
): Promise<number> {
  const optimizer = tf.train.adam(options.learningRate);
  const rng = createRng(options.seed);
  const variables = network.trainableWeights.map((w) => w.read() as tf.Variable);
  const extraLoss = proximalTerm(options);
  let loss = Number.NaN;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      loss = await trainLstmEpoch(network, optimizer, variables, data, rng, {
        batchSize: options.batchSize,
        clipNorm: options.clipNorm,
        levels: options.levels,
        signal: options.signal,
        extraLoss,
      });
      options.onProgress?.({
        stage: 'local-epoch',
        completed: epoch,
        total: options.epochs,
        metrics: { loss },
      });
      await yieldToEventLoop();
    }
  } finally {
    optimizer.dispose();
  }
  return loss;
}

/** FedProx's (μ/2)·‖w − w_global‖² over the anchor's variables, or undefined when μ = 0. */
function proximalTerm(options: LocalEpochOptions): (() => tf.Scalar) | undefined {
  const { proximalMu, anchor } = options;
  if (!(proximalMu > 0) || !anchor?.length) return undefined;
  return () => {
    const distance = tf.addN(anchor.map((a) => tf.sum(tf.square(tf.sub(a.variable, a.value)))));
    return tf.mul(tf.scalar(proximalMu / 2), distance) as tf.Scalar;
  };
}
