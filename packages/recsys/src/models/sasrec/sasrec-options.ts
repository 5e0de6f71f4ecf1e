import type { ItemKnnOptions } from '../item-knn';
import type { SparseNeighbours } from '../item-similarity';
import type { SasRecNetwork } from './sasrec-network';
import type { SasRecPriorOptions } from './sasrec-prior';
import type { EarlyStoppingSettings } from './sasrec-validation';

export interface SasRecOptions {
  /** Most recent history items the model reads. Default 50. */
  maxLength?: number;
  /** Embedding and hidden size. Default 64. */
  dim?: number;
  /** Attention heads. Default 1 (the SASRec paper uses one). */
  heads?: number;
  /** Transformer blocks. Default 2. */
  blocks?: number;
  /** Dropout rate in training. Default 0.2. */
  dropout?: number;
  /** Training epochs. Default 30. */
  epochs?: number;
  /** Sequences per batch. Default 128. */
  batchSize?: number;
  /** Adam step. Default 0.001. */
  learningRate?: number;
  /** Negatives of the sampled softmax; 0 = full softmax. Default 0 up to 20,000 items, else 256. */
  negatives?: number;
  /** `all` trains on every `maxLength` window of a history, `last` on the most recent only. Default `all`. */
  windows?: 'all' | 'last';
  /**
   * Item-embedding initialisation: `random` (normal, sd 1/√dim) or `cooccurrence` (pretraining:
   * the top eigenvectors of the PPMI matrix of items seen within `cooccurrenceWindow` steps of
   * each other in the training sequences, see `cooccurrenceEmbedding`). Default `random`.
   */
  itemInit?: 'random' | 'cooccurrence';
  /** Window of the `cooccurrence` initialisation. Default 3. */
  cooccurrenceWindow?: number;
  /**
   * Train on batches of similar history length, each cropped to its longest history, instead of
   * shuffled full-width batches: the same model (a real position's state does not depend on the
   * padding in front of it) at a fraction of the cost when most histories are shorter than
   * `maxLength` — e.g. `maxLength` 200 on MovieLens, or sessions of 2–10 items. The batches
   * differ (similar lengths together, in random order), so training is not bit-identical.
   * Default false.
   */
  lengthBatches?: boolean;
  /** Seed of initialisation, shuffling, dropout and negatives. Default 0. */
  seed?: number;
  /**
   * Early stopping as in the SASRec paper: each user's last training item (users with 3+ items)
   * is held out, HR@10 on it is measured every `every` epochs (default 2), training stops once
   * `minEpochs` (default 20) have run and the best check is `patience` epochs old (default 20),
   * and the best weights are kept (the held-out items are not trained on). With `refit: true` the
   * model is then retrained from scratch on every training item (held-out ones included) for the
   * best epoch count — on sparse sessions the held-out item is often half a session's
   * transitions. Default: off (train all `epochs`).
   */
  earlyStopping?: EarlyStoppingSettings;
  /**
   * The hybrid "SASRec + item-kNN prior": logits `gate · (h · e) + weight · log(1 + kNN score)`
   * with both scalars learned end to end (residual logit fusion; see `SasRecPriorOptions`). Needs
   * the full softmax (`negatives` 0). Not in the ONNX export. Default: off (pure SASRec).
   */
  prior?: SasRecPriorOptions;
}

/** The stored prior of a hybrid: the kNN's neighbour lists and the two learned scalars. */
export interface StoredPrior {
  neighbours: SparseNeighbours;
  knn: ItemKnnOptions;
  weight: number;
  gate: number;
}

/** What a fitted `SasRecRecommender` holds: weights, item table, training log, prior. */
export interface SasRecModel {
  weights: Array<{ shape: number[]; values: Float32Array }>;
  /** Validation HR@10 by epoch when early stopping ran. */
  validation: Array<{ epoch: number; hitRate: number }>;
  /** Item embeddings `[items + 1, dim]` (row 0 = padding). */
  table: Float32Array;
  losses: number[];
  prior?: StoredPrior;
  network?: SasRecNetwork;
}
