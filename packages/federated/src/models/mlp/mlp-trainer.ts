import { createHash } from 'node:crypto';
import { createRng, InvalidArgumentError, throwIfAborted, yieldToEventLoop } from '@shoppilot/core';
import type { FederatedTrainer, LocalTrainingOptions, LocalUpdate } from '../../client/federated-trainer';
import { checkShape, initialParameters, type MlpShape, mseAndGradient, parameterCount } from './mlp-network';

/** Rows of features and targets: `x` is n x inputs, row-major. */
export interface RegressionData {
  x: Float64Array;
  y: Float64Array;
  inputs: number;
}

export interface MlpTrainerOptions {
  /** Hidden layer widths; `[]` is linear regression. Default [32]. */
  hidden?: readonly number[];
  /** Default `relu`. */
  activation?: 'relu' | 'tanh';
  /** Local optimiser (its state restarts every round). Default `adam`. */
  optimizer?: 'sgd' | 'adam';
  /** Step size. Default 0.003 (adam) or 0.01 (sgd). */
  learningRate?: number;
  /** Rows per step; 0 = full batch (deterministic gradient descent). Default 64. */
  batchSize?: number;
  /** Seed of the shared initialisation: every client must use the same. Default 42. */
  seed?: number;
  /** Rows drawn (seeded, without replacement) for each epoch; default every row. */
  samplesPerEpoch?: number;
  /** Also train a local-only model (same epochs, own data only) for comparison. Default true. */
  compareLocal?: boolean;
}

/**
 * A multilayer perceptron on flat parameters for FedAvg / FedProx: E local epochs of mini-batch
 * Adam or SGD on the mean squared error, with the proximal gradient μ(w − w_global) (Li et al. 2020).
 */
export function createMlpTrainer(
  data: RegressionData,
  options: MlpTrainerOptions = {},
  validation?: RegressionData,
): FederatedTrainer & { shape: MlpShape } {
  const shape: MlpShape = {
    inputs: data.inputs,
    hidden: [...(options.hidden ?? [32])],
    activation: options.activation ?? 'relu',
  };
  checkShape(shape);
  const rows = data.y.length;
  if (data.x.length !== rows * data.inputs) {
    throw new InvalidArgumentError({
      argument: 'data.x',
      message: `must hold ${rows} x ${data.inputs} values`,
      value: data.x.length,
    });
  }
  const initial = () => initialParameters(shape, createRng(options.seed ?? 42));
  let localOnly = options.compareLocal === false ? undefined : initial();
  const check = validation ?? data;
  const all = Array.from({ length: check.y.length }, (_, i) => i);
  return {
    shape,
    updateKind: 'parameters',
    parameterCount: parameterCount(shape),
    sampleCount: rows,
    layoutHash: createHash('sha256')
      .update(JSON.stringify({ kind: 'mlp', shape }))
      .digest('hex')
      .slice(0, 32),
    async train(global: Float64Array | undefined, training: LocalTrainingOptions): Promise<LocalUpdate> {
      const start = global ?? initial();
      const result = await trainEpochs(shape, data, start, options, training);
      if (localOnly)
        localOnly = (await trainEpochs(shape, data, localOnly, options, { ...training, proximalMu: 0 }))
          .parameters;
      return { values: result.parameters, samples: rows, metrics: { trainLoss: result.loss } };
    },
    async evaluate(global) {
      const metrics: Record<string, number> = { federatedValLoss: mseAndGradient(shape, global, check, all) };
      if (localOnly) metrics.localValLoss = mseAndGradient(shape, localOnly, check, all);
      return metrics;
    },
  };
}

/** E epochs from `start`; returns the new parameters and the last epoch's mean training loss. */
export async function trainEpochs(
  shape: MlpShape,
  data: RegressionData,
  start: Float64Array,
  options: MlpTrainerOptions,
  training: LocalTrainingOptions,
): Promise<{ parameters: Float64Array; loss: number }> {
  const w = Float64Array.from(start);
  const gradient = new Float64Array(w.length);
  const adam =
    (options.optimizer ?? 'adam') === 'adam'
      ? { m: new Float64Array(w.length), v: new Float64Array(w.length), t: 0 }
      : undefined;
  const rate = options.learningRate ?? (adam ? 0.003 : 0.01);
  const rows = data.y.length;
  const used = Math.min(rows, Math.max(1, Math.floor(options.samplesPerEpoch ?? rows)));
  const batch = options.batchSize === 0 ? used : Math.max(1, options.batchSize ?? 64);
  const rng = createRng(training.seed);
  const order = Array.from({ length: rows }, (_, i) => i);
  let loss = Number.NaN;
  for (let epoch = 0; epoch < training.epochs; epoch++) {
    if (batch < rows || used < rows) rng.shuffle(order);
    let total = 0;
    for (let from = 0; from < used; from += batch) {
      throwIfAborted(training.signal);
      const indices = order.slice(from, Math.min(used, from + batch));
      gradient.fill(0);
      total += mseAndGradient(shape, w, data, indices, gradient) * indices.length;
      if (training.proximalMu > 0)
        for (let i = 0; i < w.length; i++) gradient[i] += training.proximalMu * (w[i] - start[i]);
      step(w, gradient, rate, adam);
      if ((from / batch) % 50 === 49) await yieldToEventLoop();
    }
    loss = total / used;
    training.onProgress?.({
      stage: 'local-epoch',
      completed: epoch + 1,
      total: training.epochs,
      metrics: { loss },
    });
  }
  return { parameters: w, loss };
}

function step(
  w: Float64Array,
  g: Float64Array,
  rate: number,
  adam: { m: Float64Array; v: Float64Array; t: number } | undefined,
): void {
  if (!adam) {
    for (let i = 0; i < w.length; i++) w[i] -= rate * g[i];
    return;
  }
  adam.t++;
  const [b1, b2] = [0.9, 0.999];
  const c1 = 1 - b1 ** adam.t;
  const c2 = 1 - b2 ** adam.t;
  for (let i = 0; i < w.length; i++) {
    adam.m[i] = b1 * adam.m[i] + (1 - b1) * g[i];
    adam.v[i] = b2 * adam.v[i] + (1 - b2) * g[i] * g[i];
    w[i] -= (rate * (adam.m[i] / c1)) / (Math.sqrt(adam.v[i] / c2) + 1e-8);
  }
}
