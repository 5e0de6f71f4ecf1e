import { InvalidModelJsonError } from '@shoppilot/core';
import { decodeArray, decodeNumber, type EncodedArray, encodeArray, stateRecord } from '../../io/binary';
import type { StoredHistories } from '../base-recommender';
import { decodeNeighbours } from '../item-knn';
import type { SasRecModel, SasRecOptions } from './sasrec-options';
import { DEFAULT_PRIOR_KNN } from './sasrec-prior';

export const SASREC_KIND = 'recsys.sasrec';
const KIND = SASREC_KIND;

/** The JSON form of a fitted model (typed arrays as base64). */
export function encodeSasRecModel(model: SasRecModel): unknown {
  return {
    weights: model.weights.map((w) => ({ shape: w.shape, values: encodeArray(w.values) })),
    table: encodeArray(model.table),
    losses: model.losses,
    validation: model.validation,
    prior: model.prior && {
      offsets: encodeArray(model.prior.neighbours.offsets),
      indices: encodeArray(model.prior.neighbours.indices),
      weights: encodeArray(model.prior.neighbours.weights),
      weight: model.prior.weight,
      gate: model.prior.gate,
    },
  };
}

/**
 * The model back from `encodeSasRecModel`'s JSON, checked against the histories and options;
 * `InvalidModelJsonError` names the path of what is wrong.
 */
export function decodeSasRecModel(
  json: unknown,
  histories: StoredHistories,
  options: SasRecOptions,
): SasRecModel {
  const record = stateRecord(json, KIND);
  const dim = options.dim ?? 64;
  const table = decodeArray(
    record.table,
    'float32',
    KIND,
    'state.model.table',
    (histories.itemIds.length + 1) * dim,
  );
  if (!Array.isArray(record.weights)) {
    throw new InvalidModelJsonError({
      kind: KIND,
      path: 'state.model.weights',
      message: 'expected an array',
    });
  }
  const weights = record.weights.map((w: { shape?: unknown; values?: EncodedArray }, k: number) => {
    const shape = Array.isArray(w?.shape) ? (w.shape as number[]) : [];
    const size = shape.reduce((a, b) => a * b, 1);
    return { shape, values: decodeArray(w?.values, 'float32', KIND, `state.model.weights[${k}]`, size) };
  });
  const losses = Array.isArray(record.losses)
    ? record.losses.map((v, k) => decodeNumber(v, KIND, `state.model.losses[${k}]`))
    : [];
  const validation = Array.isArray(record.validation)
    ? record.validation.map((v: { epoch?: unknown; hitRate?: unknown }, k: number) => ({
        epoch: decodeNumber(v?.epoch, KIND, `state.model.validation[${k}].epoch`),
        hitRate: decodeNumber(v?.hitRate, KIND, `state.model.validation[${k}].hitRate`),
      }))
    : [];
  const prior = options.prior && {
    neighbours: decodeNeighbours(record.prior, KIND, histories.itemIds.length),
    knn: { ...DEFAULT_PRIOR_KNN, ...options.prior.knn },
    weight: decodeNumber((record.prior as { weight?: unknown })?.weight, KIND, 'state.model.prior.weight'),
    gate: decodeNumber((record.prior as { gate?: unknown })?.gate, KIND, 'state.model.prior.gate'),
  };
  return { weights, table, losses, validation, prior };
}
