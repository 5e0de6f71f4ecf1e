import * as tf from '@tensorflow/tfjs-core';
import { pickEntries, type SparseRows } from '../../data/histories';
import { topK } from '../../search/top-k';
import { embeddingMatrix, type SasRecNetwork } from './sasrec-network';
import type { PriorHead } from './sasrec-prior';
import { historyScores } from './sasrec-scores';
import type { EpochCheck } from './sasrec-training';

/** Training rows without each user's last item (users with at least 3 items), and those held-out items. */
export interface ValidationSplit {
  train: SparseRows;
  users: number[];
  targets: number[];
}

/**
 * Holds out the most recent item of every user with at least `minItems` items (default 3, the
 * canonical SASRec validation; 2 also validates users left with a one-item history, like the
 * short sessions of a leave-one-out test on session data).
 */
export function holdOutLastItems(rows: SparseRows, minItems = 3): ValidationSplit {
  const keep: number[] = [];
  const offsets = new Int32Array(rows.rows + 1);
  const users: number[] = [];
  const targets: number[] = [];
  for (let u = 0; u < rows.rows; u++) {
    const from = rows.offsets[u];
    let to = rows.offsets[u + 1];
    if (to - from >= Math.max(2, minItems)) {
      users.push(u);
      targets.push(rows.indices[to - 1]);
      to--;
    }
    for (let k = from; k < to; k++) keep.push(k);
    offsets[u + 1] = keep.length;
  }
  return {
    train: pickEntries(rows, keep, offsets),
    users,
    targets,
  };
}

/** HR@10 of the network on the held-out items (full ranking, history items excluded). */
export function validationHitRate(network: SasRecNetwork, split: ValidationSplit, k = 10): number {
  const table = embeddingMatrix(network);
  const prior = network.prior && { head: network.prior, scalars: priorScalars(network.prior) };
  const { train } = split;
  let hits = 0;
  for (let start = 0; start < split.users.length; start += 256) {
    const batch = split.users.slice(start, start + 256);
    const histories = batch.map((u) => train.indices.subarray(train.offsets[u], train.offsets[u + 1]));
    historyScores(network, table, histories, prior).forEach((scores, q) => {
      const seen = new Uint8Array(scores.length);
      for (const i of histories[q]) seen[i] = 1;
      if (topK(scores, k, seen).indices.includes(split.targets[start + q])) hits++;
    });
  }
  return split.users.length ? hits / split.users.length : 0;
}

/** The current values of the prior's scalars. */
export function priorScalars(prior: PriorHead): { weight: number; gate: number } {
  return { weight: prior.weight.dataSync()[0], gate: prior.gate.dataSync()[0] };
}

/** A copy of every weight value (to restore the best epoch), the prior's two scalars last. */
export function snapshotWeights(network: SasRecNetwork): Float32Array[] {
  const values = network.training.getWeights().map((w) => (w.dataSync() as Float32Array).slice());
  if (network.prior) {
    const { weight, gate } = priorScalars(network.prior);
    values.push(Float32Array.of(weight), Float32Array.of(gate));
  }
  return values;
}

/** Writes `values` (from `snapshotWeights`) back into the network; the temporary tensors are freed. */
export function restoreWeights(network: SasRecNetwork, values: Float32Array[]): void {
  const current = network.training.getWeights();
  tf.tidy(() => network.training.setWeights(current.map((w, k) => tf.tensor(values[k], w.shape))));
  const prior = network.prior;
  if (prior) {
    tf.tidy(() => {
      prior.weight.assign(tf.scalar(values[current.length][0]));
      prior.gate.assign(tf.scalar(values[current.length + 1][0]));
    });
  }
}

export interface EarlyStoppingLog {
  history: Array<{ epoch: number; hitRate: number }>;
  best?: { epoch: number; hitRate: number; weights: Float32Array[] };
}

/** Early-stopping settings (see `SasRecOptions.earlyStopping`). */
export interface EarlyStoppingSettings {
  /** Check validation HR@10 every this many epochs. Default 2. */
  every?: number;
  /** Stop when the best check is this many epochs old. Default 20. */
  patience?: number;
  /** Never stop before this epoch. Default 20. */
  minEpochs?: number;
  /** Retrain on every training item (held-out ones included) for the best epoch count. Default false. */
  refit?: boolean;
  /**
   * Users with at least this many training items give a validation item (their last). Default 3
   * (as in the SASRec paper); 2 also validates one-item histories. Minimum 2.
   */
  minItems?: number;
}

/**
 * The `afterEpoch` callback of early stopping: checks HR@10 every `every` epochs, keeps the best
 * weights, and stops once `minEpochs` have run and the best check is `patience` epochs old.
 */
export function earlyStopper(
  validation: ValidationSplit,
  settings: EarlyStoppingSettings,
  log: EarlyStoppingLog,
): (epoch: number, loss: number, network: SasRecNetwork) => EpochCheck | undefined {
  const patience = settings.patience ?? 20;
  const minEpochs = settings.minEpochs ?? 20;
  return (epoch, _loss, network) => {
    if (epoch % (settings.every ?? 2) !== 0) return undefined;
    const hitRate = validationHitRate(network, validation);
    log.history.push({ epoch, hitRate });
    if (!log.best || hitRate > log.best.hitRate) {
      log.best = { epoch, hitRate, weights: snapshotWeights(network) };
      return { hitRate };
    }
    return { hitRate, stop: epoch >= minEpochs && epoch - log.best.epoch >= patience };
  };
}
