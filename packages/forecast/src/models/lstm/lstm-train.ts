import {
  createRng,
  type LongRunningOptions,
  type Rng,
  throwIfAborted,
  yieldToEventLoop,
} from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { SampleArrays } from './lstm-samples';

export interface TrainOptions extends LongRunningOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Epochs without a better validation loss before stopping. */
  patience: number;
  /** Global gradient-norm clip. */
  clipNorm: number;
  seed: number;
  levels: readonly number[];
}

export interface TrainReport {
  /** Epochs run. */
  epochs: number;
  /** The epoch whose weights were kept (1-based). */
  bestEpoch: number;
  history: Array<{ epoch: number; loss: number; valLoss?: number }>;
  stoppedEarly: boolean;
}

/**
 * Mini-batch training on the masked pinball loss (all quantiles of all steps), Adam with global
 * gradient clipping, seeded shuffling, early stopping on the validation loss with the best weights
 * restored. Reports every epoch through `onProgress` and stops on `signal`.
 */
export async function trainNetwork(
  model: tfl.LayersModel,
  train: SampleArrays,
  validation: SampleArrays | undefined,
  options: TrainOptions,
): Promise<TrainReport> {
  const optimizer = tf.train.adam(options.learningRate);
  const rng = createRng(options.seed);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const history: TrainReport['history'] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | undefined;
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const loss = await trainEpoch(model, optimizer, variables, train, rng, options);
      const valLoss =
        validation && validation.count > 0 ? evaluateLoss(model, validation, options) : undefined;
      history.push({ epoch, loss, valLoss });
      options.onProgress?.({
        stage: 'epoch',
        completed: epoch,
        total: options.epochs,
        metrics: valLoss === undefined ? { loss } : { loss, valLoss },
      });
      const score = valLoss ?? loss;
      if (!Number.isFinite(best) || score < best - 1e-5 * Math.abs(best)) {
        best = score;
        bestEpoch = epoch;
        if (bestWeights) tf.dispose(bestWeights);
        bestWeights = model.getWeights().map((w) => w.clone());
      } else if (epoch - bestEpoch >= options.patience) {
        stoppedEarly = true;
        break;
      }
      await yieldToEventLoop();
    }
    if (bestWeights) model.setWeights(bestWeights);
  } finally {
    if (bestWeights) tf.dispose(bestWeights);
    optimizer.dispose();
  }
  return { epochs: history.length, bestEpoch, history, stoppedEarly };
}

export interface EpochOptions {
  batchSize: number;
  /** Global gradient-norm clip. */
  clipNorm: number;
  levels: readonly number[];
  signal?: AbortSignal;
  /**
   * Extra term added to the loss inside the gradient of every batch (e.g. FedProx's proximal
   * term); called inside the tape. Default: none (the masked pinball loss alone).
   */
  extraLoss?: () => tf.Scalar;
}

/**
 * One epoch of forecast's training: the samples shuffled by `rng`, mini-batches of the masked
 * pinball loss (+ `extraLoss`), global gradient-norm clipping, one `optimizer` step per batch.
 * Shared by `trainNetwork` and federated local training. Returns the mean batch loss.
 */
export async function trainEpoch(
  model: tfl.LayersModel,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  data: SampleArrays,
  rng: Rng,
  options: EpochOptions,
): Promise<number> {
  const order = rng.shuffle(Array.from({ length: data.count }, (_, i) => i));
  let lossSum = 0;
  let batches = 0;
  for (let from = 0; from < order.length; from += options.batchSize) {
    throwIfAborted(options.signal);
    const indices = order.slice(from, from + options.batchSize);
    lossSum += trainStep(model, optimizer, variables, data, indices, options);
    batches++;
    if (batches % 20 === 0) await yieldToEventLoop();
  }
  return lossSum / Math.max(1, batches);
}

function trainStep(
  model: tfl.LayersModel,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  data: SampleArrays,
  indices: number[],
  options: EpochOptions,
): number {
  return tf.tidy(() => {
    const batch = gatherBatch(data, indices, model);
    const { value, grads } = tf.variableGrads(() => {
      const prediction = model.apply(batch.inputs, { training: true }) as tf.Tensor;
      const loss = pinballLoss(prediction, batch.targets, batch.mask, options.levels);
      return options.extraLoss ? (tf.add(loss, options.extraLoss()) as tf.Scalar) : loss;
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

/** Mean masked pinball loss of the model on a data set (no gradients). */
export function evaluateLoss(
  model: tfl.LayersModel,
  data: SampleArrays,
  options: Pick<TrainOptions, 'levels' | 'batchSize'>,
): number {
  let weighted = 0;
  let total = 0;
  for (let from = 0; from < data.count; from += 4 * options.batchSize) {
    const indices = Array.from(
      { length: Math.min(4 * options.batchSize, data.count - from) },
      (_, i) => from + i,
    );
    const [loss, weight] = tf.tidy(() => {
      const batch = gatherBatch(data, indices, model);
      const prediction = model.apply(batch.inputs, { training: false }) as tf.Tensor;
      return [
        pinballLoss(prediction, batch.targets, batch.mask, options.levels).dataSync()[0],
        tf.sum(batch.mask).dataSync()[0],
      ];
    });
    weighted += loss * weight;
    total += weight;
  }
  return total > 0 ? weighted / total : Number.NaN;
}

/** Masked pinball loss over [batch, H, Q] predictions. */
export function pinballLoss(
  prediction: tf.Tensor,
  targets: tf.Tensor,
  mask: tf.Tensor,
  levels: readonly number[],
): tf.Scalar {
  return tf.tidy(() => {
    const q = tf.reshape(tf.tensor1d([...levels]), [1, 1, levels.length]);
    const diff = tf.sub(tf.expandDims(targets, 2), prediction);
    const loss = tf.maximum(tf.mul(q, diff), tf.mul(tf.sub(q, 1), diff));
    const masked = tf.mul(loss, tf.expandDims(mask, 2));
    return tf.div(tf.sum(masked), tf.maximum(tf.mul(tf.sum(mask), levels.length), 1)) as tf.Scalar;
  });
}

/** Tensors of the samples at `indices` (inside a tidy). */
export function gatherBatch(
  data: SampleArrays,
  indices: readonly number[],
  model: tfl.LayersModel,
): { inputs: tf.Tensor[]; targets: tf.Tensor; mask: tf.Tensor } {
  const shapes = model.inputs.map((input) => input.shape.slice(1) as number[]);
  const [encoderShape, decoderShape, staticsShape] = shapes;
  const horizon = decoderShape[0];
  const pick = (source: Float32Array, width: number) => {
    const out = new Float32Array(indices.length * width);
    for (const [row, index] of indices.entries())
      out.set(source.subarray(index * width, (index + 1) * width), row * width);
    return out;
  };
  const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  const ids = Int32Array.from(indices, (index) => data.ids[index]);
  return {
    inputs: [
      tf.tensor(pick(data.encoder, size(encoderShape)), [indices.length, ...encoderShape]),
      tf.tensor(pick(data.decoder, size(decoderShape)), [indices.length, ...decoderShape]),
      tf.tensor(pick(data.statics, size(staticsShape)), [indices.length, ...staticsShape]),
      tf.tensor(ids, [indices.length, 1], 'int32'),
    ],
    targets: tf.tensor(pick(data.targets, horizon), [indices.length, horizon]),
    mask: tf.tensor(pick(data.mask, horizon), [indices.length, horizon]),
  };
}
