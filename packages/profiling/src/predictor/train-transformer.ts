import { createRng, type LongRunningOptions, throwIfAborted, yieldToEventLoop } from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { rocAuc } from '../metrics/ranking-metrics';
import type { PurchaseSamples } from './purchase-samples';

export interface TrainOptions extends LongRunningOptions {
  /** Maximum passes over the training rows. Default 30. */
  epochs?: number;
  /** Rows per step. Default 256. */
  batchSize?: number;
  /** Adam learning rate. Default 0.002. */
  learningRate?: number;
  /** Epochs without a better validation loss before stopping. Default 3. */
  patience?: number;
  /** Weight of positive rows in the buy loss. Default: negatives / positives of the training rows (balanced). */
  positiveWeight?: number;
  /** Weight of the category loss (only rows with a buy count). Default 0.5. */
  categoryLossWeight?: number;
  /** Shuffling seed. Default 0. */
  seed?: number;
  /**
   * Share of the negative (no-buy) training rows used in each epoch, drawn afresh every epoch
   * (negative subsampling; the prior correction accounts for it). Default 1.
   */
  negativeRate?: number;
  /** Factor applied to the learning rate after every epoch (1 = constant). Default 1. */
  learningRateDecay?: number;
  /** Validation quantity that picks the best epoch: `loss` (weighted, both heads) or `auc` (buy head). Default `loss`. */
  earlyStopping?: 'loss' | 'auc';
  /** Score the weights before the first epoch too (epoch 0; for a warm-started network). Default false. */
  startIsCandidate?: boolean;
}

/** The class weight and negative share the training uses (see `positiveWeight`, `negativeRate`). */
export function classWeighting(
  buy: Uint8Array,
  trainRows: readonly number[],
  options: Pick<TrainOptions, 'positiveWeight' | 'negativeRate'>,
): { positiveWeight: number; negativeRate: number; usedNegatives: number } {
  const positives = trainRows.filter((r) => buy[r]).length;
  const negativeRate = options.negativeRate ?? 1;
  const usedNegatives = Math.max(1, Math.round((trainRows.length - positives) * negativeRate));
  const positiveWeight = options.positiveWeight ?? Math.max(1, usedNegatives / Math.max(1, positives));
  return { positiveWeight, negativeRate, usedNegatives };
}

export interface TrainReport {
  epochs: number;
  bestEpoch: number;
  positiveWeight: number;
  /** Share of negatives used per epoch. */
  negativeRate: number;
  history: Array<{ epoch: number; loss: number; valLoss: number; valAuc: number }>;
}

/** Model inputs of rows `rows` as tensors (caller disposes). */
export function inputTensors(s: PurchaseSamples, dense: Float32Array, rows: ArrayLike<number>): tf.Tensor[] {
  const L = s.maxLength;
  const F = s.denseNames.length;
  const gather = <T extends Int32Array | Float32Array>(a: T, w: number): T => {
    const out = new (a.constructor as new (n: number) => T)(rows.length * w);
    for (let k = 0; k < rows.length; k++) out.set(a.subarray(rows[k] * w, (rows[k] + 1) * w), k * w);
    return out;
  };
  const n = rows.length;
  return [
    tf.tensor2d(gather(s.types, L), [n, L], 'int32'),
    tf.tensor2d(gather(s.items, L), [n, L], 'int32'),
    tf.tensor2d(gather(s.categories, L), [n, L], 'int32'),
    tf.tensor2d(gather(s.gaps, L), [n, L], 'int32'),
    tf.tensor2d(gather(s.ages, L), [n, L], 'int32'),
    tf.tensor2d(gather(s.sizes, L), [n, L], 'int32'),
    tf.tensor2d(gather(s.context, s.contextWidth), [n, s.contextWidth]),
    tf.tensor2d(gather(dense, F), [n, F]),
  ];
}

/** Weighted binary cross-entropy + masked categorical cross-entropy (rows without a buy add nothing). */
function lossOf(
  model: tfl.LayersModel,
  inputs: tf.Tensor[],
  buy: tf.Tensor,
  category: tf.Tensor,
  weights: tf.Tensor,
  categoryWeight: number,
  training: boolean,
): tf.Scalar {
  const [p, q] = model.apply(inputs, { training }) as tf.Tensor[];
  const eps = 1e-7;
  const probability = tf.clipByValue(tf.reshape(p, [-1]), eps, 1 - eps);
  const bce = tf.neg(
    tf.add(tf.mul(buy, tf.log(probability)), tf.mul(tf.sub(1, buy), tf.log(tf.sub(1, probability)))),
  );
  const buyLoss = tf.div(tf.sum(tf.mul(bce, weights)), tf.sum(weights));
  const hasCategory = tf.cast(tf.greaterEqual(category, 0), 'float32');
  const target = tf.oneHot(tf.cast(tf.maximum(category, 0), 'int32'), q.shape[1] as number);
  const ce = tf.neg(tf.sum(tf.mul(target, tf.log(tf.clipByValue(q, eps, 1))), 1));
  const categoryLoss = tf.div(tf.sum(tf.mul(ce, hasCategory)), tf.maximum(tf.sum(hasCategory), 1));
  return tf.add(buyLoss, tf.mul(categoryLoss, categoryWeight)) as tf.Scalar;
}

function batchLoss(
  model: tfl.LayersModel,
  s: PurchaseSamples,
  dense: Float32Array,
  rows: number[],
  positiveWeight: number,
  categoryWeight: number,
  training: boolean,
) {
  const inputs = inputTensors(s, dense, rows);
  const buy = tf.tensor1d(
    rows.map((r) => s.buy[r]),
    'float32',
  );
  const category = tf.tensor1d(
    rows.map((r) => s.nextCategory[r]),
    'float32',
  );
  const weights = tf.tensor1d(
    rows.map((r) => (s.buy[r] ? positiveWeight : 1)),
    'float32',
  );
  const loss = lossOf(model, inputs, buy, category, weights, categoryWeight, training);
  return { loss, tensors: [...inputs, buy, category, weights] };
}

/** Buy probabilities (as the model outputs them) of the given rows, batched. */
export function predictBuy(
  model: tfl.LayersModel,
  s: PurchaseSamples,
  dense: Float32Array,
  rows: number[],
  batchSize = 512,
): Float64Array {
  const out = new Float64Array(rows.length);
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const values = tf.tidy(() => {
      const [p] = model.apply(inputTensors(s, dense, batch), { training: false }) as tf.Tensor[];
      return p.dataSync();
    });
    out.set(values, start);
  }
  return out;
}

function validationLoss(
  model: tfl.LayersModel,
  s: PurchaseSamples,
  dense: Float32Array,
  rows: number[],
  w: number,
  cw: number,
  batchSize: number,
): number {
  let total = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    total += tf.tidy(() => batchLoss(model, s, dense, batch, w, cw, false).loss.dataSync()[0]) * batch.length;
  }
  return total / Math.max(1, rows.length);
}

/**
 * Trains with Adam on weighted losses; after each epoch evaluates the validation rows (a later
 * time window) and keeps the weights of the best validation loss (early stopping with patience).
 */
export async function trainTransformer(
  model: tfl.LayersModel,
  s: PurchaseSamples,
  dense: Float32Array,
  trainRows: number[],
  validationRows: number[],
  options: TrainOptions = {},
): Promise<TrainReport> {
  const positiveRows = trainRows.filter((r) => s.buy[r]);
  const negativeRows = trainRows.filter((r) => !s.buy[r]);
  const { positiveWeight, negativeRate, usedNegatives: used } = classWeighting(s.buy, trainRows, options);
  const categoryWeight = options.categoryLossWeight ?? 0.5;
  const batchSize = options.batchSize ?? 256;
  const epochs = options.epochs ?? 30;
  const byAuc = (options.earlyStopping ?? 'loss') === 'auc';
  const optimizer = tf.train.adam(options.learningRate ?? 0.002);
  const rng = createRng(options.seed ?? 0);
  // only the model's trainable weights: a layer built with `trainable: false` (freezeWide) still
  // owns trainable core variables, which minimize() would otherwise update
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const history: TrainReport['history'] = [];
  let best = { score: Number.POSITIVE_INFINITY, epoch: 0, weights: [] as tf.Tensor[] };
  const evaluate = (trainLoss: number) => {
    const valLoss = validationRows.length
      ? validationLoss(model, s, dense, validationRows, positiveWeight, categoryWeight, batchSize)
      : trainLoss;
    const valAuc = validationRows.length
      ? rocAuc(
          validationRows.map((r) => s.buy[r]),
          predictBuy(model, s, dense, validationRows),
        )
      : Number.NaN;
    return { valLoss, valAuc, score: byAuc && validationRows.length ? -valAuc : valLoss };
  };
  try {
    if (options.startIsCandidate && validationRows.length) {
      const start = evaluate(Number.NaN);
      history.push({ epoch: 0, loss: Number.NaN, valLoss: start.valLoss, valAuc: start.valAuc });
      best = { score: start.score, epoch: 0, weights: model.getWeights().map((w) => w.clone()) };
    }
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = epochRows(positiveRows, negativeRows, used, rng);
      let total = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        throwIfAborted(options.signal);
        const batch = order.slice(start, start + batchSize);
        const cost = optimizer.minimize(
          () => {
            const { loss } = batchLoss(model, s, dense, batch, positiveWeight, categoryWeight, true);
            return loss;
          },
          true,
          variables,
        );
        total += (cost?.dataSync()[0] ?? 0) * batch.length;
        cost?.dispose();
        await yieldToEventLoop();
      }
      const { valLoss, valAuc, score } = evaluate(total / order.length);
      history.push({ epoch, loss: total / order.length, valLoss, valAuc });
      options.onProgress?.({
        stage: 'epoch',
        completed: epoch,
        total: epochs,
        metrics: { loss: total / order.length, valLoss, valAuc },
      });
      if (score < best.score) {
        for (const t of best.weights) t.dispose();
        best = { score, epoch, weights: model.getWeights().map((w) => w.clone()) };
      } else if (epoch - best.epoch >= (options.patience ?? 3)) break;
      setLearningRate(optimizer, (options.learningRate ?? 0.002) * (options.learningRateDecay ?? 1) ** epoch);
    }
    if (best.weights.length) model.setWeights(best.weights);
  } finally {
    for (const t of best.weights) t.dispose();
    optimizer.dispose();
  }
  return {
    epochs: history.filter((h) => h.epoch > 0).length,
    bestEpoch: best.epoch,
    positiveWeight,
    negativeRate,
    history,
  };
}

/** All positives and `used` negatives drawn without replacement, shuffled. */
function epochRows(
  positives: number[],
  negatives: number[],
  used: number,
  rng: ReturnType<typeof createRng>,
): number[] {
  const pool = [...negatives];
  if (used < pool.length) {
    // partial Fisher-Yates: the first `used` entries are a uniform sample
    for (let i = 0; i < used; i++) {
      const j = i + rng.int(pool.length - i);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    pool.length = used;
  }
  const order = [...positives, ...pool];
  rng.shuffle(order);
  return order;
}

/** tfjs's Adam reads its `learningRate` field at every step; there is no public setter. */
function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = rate;
}
