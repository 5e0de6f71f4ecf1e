import {
  type ExportToOnnxOptions,
  exportToOnnx,
  InvalidArgumentError,
  initTensorBackend,
  type LongRunningOptions,
} from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import { type SparseRows, userHistories } from '../../data/histories';
import type { Interactions } from '../../data/interactions';
import { BaseRecommender, restoreRecommender, type StoredHistories } from '../base-recommender';
import type { UserQuery } from '../recommender';
import { cooccurrenceEmbedding } from './cooccurrence-init';
import { decodeSasRecModel, encodeSasRecModel, SASREC_KIND } from './sasrec-codec';
import { buildSasRec, buildScoringModel, embeddingMatrix, type SasRecNetwork } from './sasrec-network';
import type { SasRecModel, SasRecOptions } from './sasrec-options';
import {
  batchPrior,
  createPriorHead,
  DEFAULT_PRIOR_KNN,
  fitPriorWeight,
  type PriorHead,
  trainingNeighbours,
} from './sasrec-prior';
import { historyScores } from './sasrec-scores';
import {
  type SasRecFitSettings,
  type TrainingSequences,
  trainingSequences,
  trainSasRec,
} from './sasrec-training';
import {
  type EarlyStoppingLog,
  earlyStopper,
  holdOutLastItems,
  priorScalars,
  restoreWeights,
} from './sasrec-validation';

/** Frees a network's weights and its prior's scalars. */
function disposeNetwork(network: SasRecNetwork): void {
  network.training.dispose();
  network.prior?.weight.dispose();
  network.prior?.gate.dispose();
}

const KIND = SASREC_KIND;

/**
 * SASRec, self-attentive sequential recommendation (Kang & McAuley 2018), in tfjs on core's
 * causal multi-head self-attention and positional layers, trained with next-item cross-entropy
 * over all items (or a sampled softmax for large catalogues; Klenitskiy & Vasilev 2023 show the
 * cross-entropy loss is what makes SASRec strong). `toOnnx()` exports the serving graph.
 * Scoring a model restored by `fromJSON` needs `await initTensorBackend()` first.
 */
export class SasRecRecommender extends BaseRecommender<SasRecOptions, SasRecModel> {
  readonly kind = KIND;

  constructor(options: SasRecOptions = {}) {
    super(options);
  }

  async fit(train: Interactions, options: LongRunningOptions = {}): Promise<this> {
    await initTensorBackend();
    this.dispose();
    const rows = userHistories(train);
    const items = train.itemIds.length;
    const stopping = this.options.earlyStopping;
    const validation = stopping ? holdOutLastItems(rows, stopping.minItems ?? 3) : undefined;
    const checks: EarlyStoppingLog = { history: [] };
    let run = await this.#train(validation?.train ?? rows, items, this.options.epochs ?? 30, options, {
      afterEpoch: validation && stopping ? earlyStopper(validation, stopping, checks) : undefined,
    });
    if (checks.best && stopping?.refit) {
      // Retrain from scratch on every training item for the chosen number of epochs.
      disposeNetwork(run.network);
      run = await this.#train(rows, items, checks.best.epoch, options, { stage: 'sasrec-refit' });
    } else if (checks.best) restoreWeights(run.network, checks.best.weights);
    const network = run.network;
    const weights = network.training
      .getWeights()
      .map((w) => ({ shape: w.shape, values: w.dataSync() as Float32Array }));
    const prior = network.prior && {
      neighbours: network.prior.neighbours,
      knn: network.prior.knn,
      ...priorScalars(network.prior),
    };
    return this.fitted(train, {
      weights,
      table: embeddingMatrix(network).slice(),
      losses: run.losses,
      validation: checks.history,
      prior,
      network,
    });
  }

  async #train(
    rows: SparseRows,
    items: number,
    epochs: number,
    options: LongRunningOptions,
    extra: Pick<SasRecFitSettings, 'afterEpoch' | 'stage'>,
  ): Promise<{ network: SasRecNetwork; losses: number[] }> {
    const network = buildSasRec(this.#shape(items));
    const sequences = trainingSequences(rows, network.shape.maxLength, this.options.windows ?? 'all');
    if (sequences.count === 0) {
      disposeNetwork(network);
      throw new InvalidArgumentError({
        argument: 'train',
        message: 'SASRec needs at least one user with two or more interactions',
      });
    }
    if (this.options.itemInit === 'cooccurrence') {
      const { vocabulary, dim, seed } = network.shape;
      const table = cooccurrenceEmbedding(rows, vocabulary - 1, dim, {
        window: this.options.cooccurrenceWindow ?? 3,
        seed,
      });
      tf.tidy(() => network.embedding.setWeights([tf.tensor2d(table, [vocabulary, dim])]));
    }
    const negatives = this.options.negatives ?? (items <= 20_000 ? 0 : 256);
    if (this.options.prior) network.prior = this.#priorHead(rows, sequences, negatives, network);
    const afterEpoch = extra.afterEpoch;
    const losses = await trainSasRec(network, sequences, {
      epochs,
      batchSize: this.options.batchSize ?? 128,
      learningRate: this.options.learningRate ?? 0.001,
      negatives,
      scaleLearningRate: this.options.prior?.scaleLearningRate ?? 0.01,
      seed: this.options.seed ?? 0,
      lengthBatches: this.options.lengthBatches ?? false,
      ...options,
      stage: extra.stage,
      afterEpoch: afterEpoch ? (epoch, loss) => afterEpoch(epoch, loss, network) : undefined,
    });
    return { network, losses };
  }

  /**
   * The hybrid's prior: item-kNN fitted on `rows`, its weight fitted alone (Transformer off) on
   * the next-item targets of up to 256 evenly spaced training sequences.
   */
  #priorHead(
    rows: SparseRows,
    sequences: TrainingSequences,
    negatives: number,
    network: SasRecNetwork,
  ): PriorHead {
    if (negatives > 0) {
      disposeNetwork(network);
      throw new InvalidArgumentError({
        argument: 'prior',
        message: 'the kNN prior needs the full softmax (negatives: 0)',
      });
    }
    const L = network.shape.maxLength;
    const step = Math.max(1, Math.floor(sequences.count / 256));
    const sample: number[] = [];
    for (let s = 0; s < sequences.count; s += step) sample.push(s);
    const inputs = new Int32Array(sample.length * L);
    const labels: number[] = [];
    sample.forEach((s, r) => {
      inputs.set(sequences.inputs.subarray(s * L, (s + 1) * L), r * L);
      for (let j = 0; j < L; j++)
        if (sequences.targets[s * L + j] > 0) labels.push(sequences.targets[s * L + j] - 1);
    });
    const options = this.options.prior ?? {};
    return createPriorHead(rows, options, (neighbours, folds) => {
      const perRow = sample.map((s) => trainingNeighbours({ neighbours, folds }, sequences.users[s]));
      const knn = { ...DEFAULT_PRIOR_KNN, ...options.knn };
      return fitPriorWeight(batchPrior(perRow, knn, inputs, sample.length), labels);
    });
  }

  #shape(items: number) {
    return {
      vocabulary: items + 1,
      maxLength: this.options.maxLength ?? 50,
      dim: this.options.dim ?? 64,
      heads: this.options.heads ?? 1,
      blocks: this.options.blocks ?? 2,
      dropout: this.options.dropout ?? 0.2,
      seed: this.options.seed ?? 0,
    };
  }

  /** Validation HR@10 per checked epoch (empty without early stopping). */
  get validation(): Array<{ epoch: number; hitRate: number }> {
    return [...this.model.validation];
  }

  /** The hybrid's learned prior weight and Transformer scale (undefined for the pure SASRec). */
  get priorScales(): { weight: number; gate: number } | undefined {
    const prior = this.model.prior;
    return prior && { weight: prior.weight, gate: prior.gate };
  }

  /** Mean training loss per epoch. */
  get losses(): number[] {
    return [...this.model.losses];
  }

  override scoreItems(queries: readonly UserQuery[]): Float64Array[] {
    const model = this.model;
    if (queries.length === 0) return [];
    const prior = model.prior && { head: model.prior, scalars: model.prior };
    return historyScores(
      this.#network(model),
      model.table,
      queries.map((query) => query.items),
      prior,
    );
  }

  protected scoreQuery(_model: SasRecModel, query: UserQuery): Float64Array {
    return this.scoreItems([query])[0];
  }

  protected override explainItem(_model: SasRecModel, query: UserQuery, _item: number): string[] {
    const { itemIds } = this.histories;
    const recent = Array.from(query.items).slice(-2).reverse();
    if (recent.length === 0) return ['next-item model with no history: its prior over items'];
    return [
      `next in sequence after ${recent.map((i) => `"${itemIds[i]}"`).join(', ')} (self-attention over the last ${Math.min(query.items.length, this.#shape(0).maxLength)} items)`,
    ];
  }

  /**
   * The serving graph as ONNX bytes: inputs `history` `[b, maxLength]` int32 (item index + 1,
   * left-padded with 0) and `candidates` `[b, c]` int32 (item index + 1); output `scores [b, c]`.
   */
  toOnnx(options: ExportToOnnxOptions = {}): Uint8Array {
    if (this.options.prior) {
      throw new InvalidArgumentError({
        argument: 'prior',
        message: 'the hybrid SASRec + kNN prior has no ONNX export (the kNN prior is not in the graph)',
      });
    }
    const network = this.#network(this.model);
    const scoring = buildScoringModel(network);
    return exportToOnnx(scoring, { graphName: 'sasrec', ...options });
  }

  /** Frees the tfjs weights (the model stays usable; they are rebuilt from the stored values). */
  dispose(): void {
    if (!this.isFitted) return;
    const model = this.model;
    if (model.network) disposeNetwork(model.network);
    model.network = undefined;
  }

  #network(model: SasRecModel): SasRecNetwork {
    if (model.network) return model.network;
    try {
      tf.getBackend();
    } catch (error) {
      throw new InvalidArgumentError({
        argument: 'tensor backend',
        message:
          'no tfjs backend is ready: `await initTensorBackend()` from @shoppilot/core before scoring a restored SASRec model',
        cause: error,
      });
    }
    const network = buildSasRec(this.#shape(model.table.length / (this.options.dim ?? 64) - 1));
    tf.tidy(() => network.training.setWeights(model.weights.map((w) => tf.tensor(w.values, w.shape))));
    model.network = network;
    return network;
  }

  protected encodeModel(model: SasRecModel): unknown {
    return encodeSasRecModel(model);
  }

  protected decodeModel(json: unknown, histories: StoredHistories): SasRecModel {
    return decodeSasRecModel(json, histories, this.options);
  }

  static fromJSON(json: unknown): SasRecRecommender {
    return restoreRecommender(json, KIND, 1, (options: SasRecOptions) => new SasRecRecommender(options));
  }
}
