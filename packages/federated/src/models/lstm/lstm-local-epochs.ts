import { createRng, type LongRunningOptions, throwIfAborted, yieldToEventLoop } from '@shoppilot/core';
import { lstmGatherBatch, lstmPinballLoss, type SampleArrays } from '@shoppilot/forecast';
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
 * E epochs of forecast's training step on a client's samples: seeded shuffling, mini-batches of
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
  let loss = Number.NaN;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const order = rng.shuffle(Array.from({ length: data.count }, (_, i) => i));
      let lossSum = 0;
      let batches = 0;
      for (let from = 0; from < order.length; from += options.batchSize) {
        throwIfAborted(options.signal);
        lossSum += step(
          network,
          optimizer,
          variables,
          data,
          order.slice(from, from + options.batchSize),
          options,
        );
        batches++;
        if (batches % 20 === 0) await yieldToEventLoop();
      }
      loss = lossSum / Math.max(1, batches);
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

function step(
  network: tfl.LayersModel,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  data: SampleArrays,
  indices: number[],
  options: LocalEpochOptions,
): number {
  return tf.tidy(() => {
    const batch = lstmGatherBatch(data, indices, network);
    const { value, grads } = tf.variableGrads(() => {
      const prediction = network.apply(batch.inputs, { training: true }) as tf.Tensor;
      const loss = lstmPinballLoss(prediction, batch.targets, batch.mask, options.levels);
      if (!(options.proximalMu > 0) || !options.anchor?.length) return loss;
      const distance = tf.addN(options.anchor.map((a) => tf.sum(tf.square(tf.sub(a.variable, a.value)))));
      return tf.add(loss, tf.mul(tf.scalar(options.proximalMu / 2), distance)) as tf.Scalar;
    }, variables);
    const names = Object.keys(grads);
    const norm = tf.sqrt(tf.addN(names.map((name) => tf.sum(tf.square(grads[name])))));
    const factor = tf.minimum(
      tf.scalar(1),
      tf.div(tf.scalar(options.clipNorm), tf.maximum(norm, tf.scalar(1e-12))),
    );
    const clipped: tf.NamedTensorMap = {};
    for (const name of names) clipped[name] = tf.mul(grads[name], factor);
    optimizer.applyGradients(clipped);
    return value.dataSync()[0];
  });
}
