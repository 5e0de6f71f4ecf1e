import { createRng, type LongRunningOptions, throwIfAborted, yieldToEventLoop } from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import type { SparseRows } from '../../data/histories';
import { matMulTransposed, softmaxCrossEntropy } from './fast-matmul';
import type { SasRecNetwork } from './sasrec-network';
import { batchPrior, type PriorHead, trainingNeighbours } from './sasrec-prior';

/** Next-item training pairs: `inputs[s]` (left-padded, item index + 1) and the shifted `targets[s]`. */
export interface TrainingSequences {
  count: number;
  /** The user (row) of each sequence. */
  users: Int32Array;
  inputs: Int32Array;
  targets: Int32Array;
}

/**
 * Cuts each user's time-ordered history into windows of `maxLength` next-item steps, from the
 * most recent backwards (`windows: 'last'` keeps only the most recent one).
 */
export function trainingSequences(
  rows: SparseRows,
  maxLength: number,
  windows: 'all' | 'last',
): TrainingSequences {
  const inputs: number[] = [];
  const targets: number[] = [];
  const users: number[] = [];
  let count = 0;
  for (let u = 0; u < rows.rows; u++) {
    const from = rows.offsets[u];
    for (let end = rows.offsets[u + 1]; end - from >= 2; end -= maxLength) {
      const start = Math.max(from, end - maxLength - 1);
      const steps = end - start - 1;
      for (let p = 0; p < maxLength - steps; p++) {
        inputs.push(0);
        targets.push(0);
      }
      for (let k = start; k < end - 1; k++) {
        inputs.push(rows.indices[k] + 1);
        targets.push(rows.indices[k + 1] + 1);
      }
      users.push(u);
      count++;
      if (windows === 'last') break;
    }
  }
  return {
    count,
    users: Int32Array.from(users),
    inputs: Int32Array.from(inputs),
    targets: Int32Array.from(targets),
  };
}

/** What an `afterEpoch` check reports. */
export interface EpochCheck {
  hitRate?: number;
  stop?: boolean;
}

export interface SasRecFitSettings extends LongRunningOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** 0 = full softmax over all items; otherwise that many uniformly sampled negatives per batch. */
  negatives: number;
  seed: number;
  /** Called after every epoch (validation): `hitRate` goes to `onProgress`, `stop` ends training. */
  afterEpoch?: (
    epoch: number,
    loss: number,
    network: SasRecNetwork,
  ) => EpochCheck | undefined | Promise<EpochCheck | undefined>;
  /** `onProgress` stage name. Default `sasrec-epoch`. */
  stage?: string;
  /**
   * Batches of similar history length, each cropped to its longest history (see
   * `lengthBatches`). Default false: shuffled batches at full width.
   */
  lengthBatches?: boolean;
  /** Adam step of the prior's scalars. Default 0.01. */
  scaleLearningRate?: number;
}

/** Adam on the masked next-item cross-entropy. Returns the mean loss of each epoch. */
export async function trainSasRec(
  network: SasRecNetwork,
  data: TrainingSequences,
  settings: SasRecFitSettings,
): Promise<number[]> {
  const rng = createRng(settings.seed);
  const optimizer = tf.train.adam(settings.learningRate);
  const scalarOptimizer = network.prior ? tf.train.adam(settings.scaleLearningRate ?? 0.01) : undefined;
  const L = network.shape.maxLength;
  const lengths = realLengths(data.targets, data.count, L);
  const order = Array.from({ length: data.count }, (_, s) => s);
  const losses: number[] = [];
  try {
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      const batchList = settings.lengthBatches
        ? lengthBatches(lengths, settings.batchSize, rng)
        : shuffledBatches(order, settings.batchSize, rng);
      let total = 0;
      let batches = 0;
      for (const batch of batchList) {
        throwIfAborted(settings.signal);
        const width = settings.lengthBatches ? Math.max(1, ...batch.map((s) => lengths[s])) : L;
        const x = gatherRows(data.inputs, batch, L, width);
        const y = gatherRows(data.targets, batch, L, width);
        const negatives = sampleNegatives(settings.negatives, network.shape.vocabulary, rng);
        const prior = network.prior;
        const values =
          prior &&
          batchPrior(
            batch.map((s) => trainingNeighbours(prior, data.users[s])),
            prior.knn,
            x,
            batch.length,
          );
        const loss = () =>
          batchLoss(network, x, y, batch.length, negatives, prior && values && { head: prior, values });
        const cost =
          scalarOptimizer && prior
            ? hybridStep(loss, optimizer, scalarOptimizer, prior)
            : optimizer.minimize(loss, true);
        total += cost ? (await cost.data())[0] : 0;
        cost?.dispose();
        batches++;
      }
      losses.push(total / Math.max(1, batches));
      const check = await settings.afterEpoch?.(epoch + 1, losses[epoch], network);
      settings.onProgress?.({
        stage: settings.stage ?? 'sasrec-epoch',
        completed: epoch + 1,
        total: settings.epochs,
        metrics: {
          loss: losses[epoch],
          ...(check?.hitRate === undefined ? {} : { validationHitRate: check.hitRate }),
        },
      });
      await yieldToEventLoop();
      if (check?.stop) break;
    }
  } finally {
    optimizer.dispose();
    scalarOptimizer?.dispose();
  }
  return losses;
}

/** One Adam step where the prior's two scalars follow their own optimiser. */
function hybridStep(
  loss: () => tf.Scalar,
  optimizer: tf.Optimizer,
  scalarOptimizer: tf.Optimizer,
  prior: PriorHead,
): tf.Scalar {
  const { value, grads } = tf.variableGrads(loss);
  const scalars = new Set([prior.weight.name, prior.gate.name]);
  const main: tf.NamedTensorMap = {};
  const side: tf.NamedTensorMap = {};
  for (const [name, grad] of Object.entries(grads)) (scalars.has(name) ? side : main)[name] = grad;
  optimizer.applyGradients(main);
  scalarOptimizer.applyGradients(side);
  tf.dispose(Object.values(grads));
  return value;
}

/** Rows of a `[count, L]` matrix, each cropped to its last `width` columns. */
function gatherRows(source: Int32Array, rows: number[], L: number, width: number): Int32Array {
  const out = new Int32Array(rows.length * width);
  rows.forEach((row, r) => {
    out.set(source.subarray(row * L + L - width, row * L + L), r * width);
  });
  return out;
}

/** Real (non-padding) steps of each left-padded sequence. */
function realLengths(targets: Int32Array, count: number, L: number): Int32Array {
  const lengths = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    let first = 0;
    while (first < L && targets[s * L + first] === 0) first++;
    lengths[s] = L - first;
  }
  return lengths;
}

/** The classic order: `order` shuffled in place (epoch after epoch), consecutive batches. */
function shuffledBatches(order: number[], batchSize: number, rng: ReturnType<typeof createRng>): number[][] {
  rng.shuffle(order);
  const out: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize)
    out.push(order.slice(start, start + batchSize));
  return out;
}

/**
 * Length-bucketed batches ("sortish" sampling): sequences sorted by their length times a random
 * factor in [1, 1.25) (so similar lengths mix differently every epoch), cut into batches, and the
 * batches shuffled. Cropping each to its longest history then skips most padding.
 */
export function lengthBatches(
  lengths: Int32Array,
  batchSize: number,
  rng: ReturnType<typeof createRng>,
): number[][] {
  const keys = Float64Array.from(lengths, (n) => n * (1 + 0.25 * rng.next()));
  const order = Array.from(lengths, (_, s) => s).sort((a, b) => keys[a] - keys[b]);
  const out: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize)
    out.push(order.slice(start, start + batchSize));
  rng.shuffle(out);
  return out;
}

function sampleNegatives(
  count: number,
  vocabulary: number,
  rng: ReturnType<typeof createRng>,
): Int32Array | undefined {
  if (count <= 0 || count >= vocabulary - 1) return undefined;
  return Int32Array.from({ length: count }, () => 1 + rng.int(vocabulary - 1));
}

/**
 * Mean cross-entropy of the next item over the real (non-padding) positions only: the states of
 * those positions are gathered first, so padding costs no softmax. Full softmax:
 * `logsumexp(h·E[1:]ᵀ) − h·E[target]`; sampled: the target against the shared negatives.
 */
function batchLoss(
  network: SasRecNetwork,
  inputs: Int32Array,
  targets: Int32Array,
  batch: number,
  negatives: Int32Array | undefined,
  prior?: { head: PriorHead; values: Float32Array },
): tf.Scalar {
  const { dim } = network.shape;
  const L = inputs.length / batch;
  const real: number[] = [];
  const labels: number[] = [];
  targets.forEach((t, k) => {
    if (t > 0) {
      real.push(k);
      labels.push(t);
    }
  });
  const x = tf.tensor2d(inputs, [batch, L], 'int32');
  const states = network.training.apply(x, { training: true }) as tf.Tensor;
  const flat = tf.gather(tf.reshape(states, [batch * L, dim]), tf.tensor1d(real, 'int32'));
  const table = network.embedding.trainableWeights[0].read();
  const target = tf.tensor1d(labels, 'int32');
  const positive = tf.sum(tf.mul(flat, tf.gather(table, target)), -1);
  const candidates = negatives
    ? tf.gather(table, tf.tensor1d(negatives, 'int32'))
    : tf.slice(table, [1, 0], [network.shape.vocabulary - 1, dim]);
  let logits = matMulTransposed(flat, candidates);
  if (prior) {
    const n = network.shape.vocabulary - 1;
    const values = tf.tensor2d(prior.values, [labels.length, n]);
    logits = tf.add(tf.mul(prior.head.gate, logits), tf.mul(prior.head.weight, values));
  }
  if (negatives) {
    const all = tf.concat([tf.reshape(positive, [-1, 1]), logits], 1);
    return softmaxCrossEntropy(all, new Int32Array(labels.length)) as tf.Scalar;
  }
  return softmaxCrossEntropy(
    logits,
    Int32Array.from(labels, (t) => t - 1),
  ) as tf.Scalar;
}
