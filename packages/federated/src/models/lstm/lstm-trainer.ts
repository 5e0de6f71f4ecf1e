import { createHash } from 'node:crypto';
import { initTensorBackend } from '@shoppilot/core';
import {
  buildLstmNetwork,
  DEFAULT_LEVELS,
  type LstmAttentionForecaster,
  type LstmAttentionOptions,
  type LstmLayout,
  lstmEvaluateLoss,
  lstmSamples,
  makeLstmLayout,
  type Panel,
  panelEnd,
  type SampleArrays,
  type Standardiser,
} from '@shoppilot/forecast';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { FederatedTrainer, LocalTrainingOptions, LocalUpdate } from '../../client/federated-trainer';
import { lstmForecaster } from './lstm-forecaster-of';
import { trainLocalEpochs } from './lstm-local-epochs';
import { flattenShared, type SharedWeight, sharedLayout, unflattenShared } from './lstm-parameters';

/**
 * Options of the federated LSTM+Attention client. The network, data and optimiser options are
 * forecast's (`LstmAttentionOptions`, same meanings and defaults); the series embedding is a
 * private, per-client layer.
 */
export interface LstmTrainerOptions
  extends Pick<
    LstmAttentionOptions,
    | 'horizon'
    | 'lookback'
    | 'units'
    | 'embedding'
    | 'levels'
    | 'covariates'
    | 'transforms'
    | 'pastCovariates'
    | 'staticCovariates'
    | 'batchSize'
    | 'learningRate'
    | 'originStride'
    | 'backend'
  > {
  /** Levels of categorical statics, fixed for the federation (a client may lack some). Default: the client's own. */
  staticLevels?: Readonly<Record<string, readonly string[]>>;
  /** Shared input standardisers (see `lstmInputMoments`). Default: the client's own data. */
  inputs?: Readonly<Record<string, Standardiser>>;
  /** Seed of the shared initialisation (the same for every client) and of the network. Default 42. */
  seed?: number;
  /** `last-horizon`: the last `horizon` periods are only used by `evaluate`; `none`: all train. Default `last-horizon`. */
  validation?: 'last-horizon' | 'none';
  /** Also train a local-only network (same epochs, own data) for comparison. Default true. */
  compareLocal?: boolean;
}

/** The federated LSTM+Attention client: `FederatedTrainer` plus its layout and forecasters. */
export interface LstmTrainer extends FederatedTrainer {
  readonly layout: LstmLayout;
  /** Where every shared tensor sits in the flat vector. */
  readonly weights: readonly SharedWeight[];
  /** The client's network (shared weights + its own embedding) under forecast's forecaster. */
  forecaster(global: Float64Array): LstmAttentionForecaster;
  /**
   * Local fine-tuning (personalisation): the client's network from `global` (its own embedding
   * kept), `epochs` of local training without the proximal term; the local-only network is not
   * touched. Returns the fine-tuned shared weights. See `fineTuneLocally`.
   */
  fineTune(global: Float64Array, training: LocalFineTuning): Promise<LocalUpdate>;
  /** The local-only network as a forecaster (needs `compareLocal`). */
  localForecaster(): LstmAttentionForecaster;
  /** Frees the tfjs networks. */
  dispose(): void;
}

/** Epochs and seed of `LstmTrainer.fineTune`. */
export type LocalFineTuning = Omit<LocalTrainingOptions, 'round' | 'proximalMu'>;

/**
 * forecast's LSTM+Attention network as a federated model: the same network (forecast's builder),
 * its shared weights as one flat vector (`sharedLayout` order), E local epochs of forecast's
 * training step per round with the FedProx term, and evaluation by the pinball loss. The series
 * embedding stays on the client (personalisation layer); the client keeps it across rounds.
 */
export async function createLstmTrainer(
  panel: Panel,
  options: LstmTrainerOptions = {},
): Promise<LstmTrainer> {
  await initTensorBackend(options.backend ? { backend: options.backend } : {});
  const layout = lstmClientLayout(panel, options);
  const horizon = layout.horizon;
  const end = panelEnd(panel);
  const cutoff = (options.validation ?? 'last-horizon') === 'last-horizon' ? end - horizon : end;
  const data = lstmSamples(panel, layout, {
    cutoff,
    stride: options.originStride ?? 1,
    minContext: Math.min(Math.ceil(layout.lookback / 2), 4),
  });
  const check = cutoff < end && data.validation.count > 0 ? data.validation : data.train;
  const levels = [...(options.levels ?? DEFAULT_LEVELS)];
  const build = () =>
    buildLstmNetwork(layout, {
      units: options.units ?? 32,
      embedding: options.embedding ?? 8,
      levels,
      seed: options.seed ?? 42,
    });
  const network = build();
  const local = options.compareLocal === false ? undefined : build();
  const initial = flattenShared(network);
  const { weights, count } = sharedLayout(network);
  const epochs = { federated: 0, local: 0 };
  const forecasterOptions = { ...forecastOptions(options, layout, levels) };
  const train = trainFor(data.train, levels, options);
  return {
    layout,
    weights,
    updateKind: 'parameters',
    parameterCount: count,
    sampleCount: data.train.count,
    layoutHash: layoutHash(weights, layout),
    async train(global: Float64Array | undefined, training: LocalTrainingOptions): Promise<LocalUpdate> {
      unflattenShared(network, global ?? initial);
      const loss = await train(network, training);
      epochs.federated += training.epochs;
      if (local) {
        await train(local, { ...training, proximalMu: 0 });
        epochs.local += training.epochs;
      }
      return { values: flattenShared(network), samples: data.train.count, metrics: { trainLoss: loss } };
    },
    async evaluate(global) {
      unflattenShared(network, global);
      const metrics: Record<string, number> = {
        federatedValLoss: lstmEvaluateLoss(network, check, { levels, batchSize: options.batchSize ?? 256 }),
      };
      if (local)
        metrics.localValLoss = lstmEvaluateLoss(local, check, {
          levels,
          batchSize: options.batchSize ?? 256,
        });
      return metrics;
    },
    async fineTune(global, training) {
      unflattenShared(network, global);
      const loss = await train(network, { ...training, round: 0, proximalMu: 0 });
      epochs.federated += training.epochs;
      return { values: flattenShared(network), samples: data.train.count, metrics: { trainLoss: loss } };
    },
    forecaster(global) {
      unflattenShared(network, global);
      return lstmForecaster(network, panel, layout, forecasterOptions, epochs.federated);
    },
    localForecaster() {
      if (!local)
        throw new Error('createLstmTrainer: compareLocal was false, there is no local-only network');
      return lstmForecaster(local, panel, layout, forecasterOptions, epochs.local);
    },
    dispose() {
      network.dispose();
      local?.dispose();
    },
  };
}

/** forecast's layout of a client's panel as the trainer builds it: the federation's fixed categorical levels and input scaling. */
export function lstmClientLayout(panel: Panel, options: LstmTrainerOptions): LstmLayout {
  const { layout } = makeLstmLayout(panel, {
    horizon: options.horizon ?? 8,
    lookback: options.lookback ?? 24,
    covariates: options.covariates ?? panel.covariates.future,
    transforms: options.transforms ?? {},
    pastCovariates: options.pastCovariates ?? panel.covariates.past,
    staticCovariates: options.staticCovariates ?? panel.covariates.static,
    calendar: false,
  });
  const staticCategorical = layout.staticCategorical.map((c) => ({
    name: c.name,
    levels: [...(options.staticLevels?.[c.name] ?? c.levels)],
  }));
  return { ...layout, staticCategorical, inputs: { ...layout.inputs, ...options.inputs } };
}

function trainFor(samples: SampleArrays, levels: number[], options: LstmTrainerOptions) {
  return async (network: tfl.LayersModel, training: LocalTrainingOptions): Promise<number> => {
    const mu = training.proximalMu;
    const anchor =
      mu > 0
        ? sharedLayout(network).variables.map((v) => {
            const variable = v.read() as tf.Variable;
            return { variable, value: variable.clone() };
          })
        : undefined;
    try {
      return await trainLocalEpochs(network, samples, {
        epochs: training.epochs,
        batchSize: options.batchSize ?? 256,
        learningRate: options.learningRate ?? 0.003,
        clipNorm: 1,
        levels,
        seed: training.seed,
        proximalMu: mu,
        anchor,
        signal: training.signal,
        onProgress: training.onProgress,
      });
    } finally {
      if (anchor) tf.dispose(anchor.map((a) => a.value));
    }
  };
}

function forecastOptions(
  options: LstmTrainerOptions,
  layout: LstmLayout,
  levels: number[],
): LstmAttentionOptions {
  return {
    horizon: layout.horizon,
    lookback: layout.lookback,
    units: options.units ?? 32,
    embedding: options.embedding ?? 8,
    levels,
    covariates: layout.future.map((f) => f.name),
    transforms: Object.fromEntries(layout.future.map((f) => [f.name, f.transform])),
    pastCovariates: layout.past,
    staticCovariates: [...layout.staticNumeric, ...layout.staticCategorical.map((c) => c.name)],
    batchSize: options.batchSize ?? 256,
    seed: options.seed ?? 42,
    validation: 'none',
    calibration: 'none',
  };
}

function layoutHash(weights: readonly SharedWeight[], layout: LstmLayout): string {
  const shape = {
    kind: 'lstm-attention',
    weights: weights.map((w) => [w.name, w.shape]),
    future: layout.future,
    past: layout.past,
    statics: [layout.staticNumeric, layout.staticCategorical],
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 32);
}
