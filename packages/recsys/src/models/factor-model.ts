import { decodeArray, decodeNumber, encodeArray, stateRecord } from '../io/binary';
import type { StoredHistories } from './base-recommender';
import type { UserQuery } from './recommender';

/** Latent factors of a matrix factorisation model (row-major, `factors` columns). */
export interface FactorModel {
  factors: number;
  userFactors: Float32Array;
  itemFactors: Float32Array;
  /** Per-item bias (BPR); zeros when the model has none. */
  itemBias: Float32Array;
}

/** Scores `bias_i + u · v_i` for every item. */
export function factorScores(model: FactorModel, user: Float64Array): Float64Array {
  const f = model.factors;
  const n = model.itemBias.length;
  const scores = new Float64Array(n);
  const v = model.itemFactors;
  for (let i = 0; i < n; i++) {
    let s = model.itemBias[i];
    const row = i * f;
    for (let d = 0; d < f; d++) s += user[d] * v[row + d];
    scores[i] = s;
  }
  return scores;
}

/** The stored vector of a training user. */
export function userVector(model: FactorModel, user: number): Float64Array {
  const f = model.factors;
  return Float64Array.from(model.userFactors.subarray(user * f, user * f + f));
}

/** Cosine of two item factor vectors. */
export function itemCosine(model: FactorModel, a: number, b: number): number {
  const f = model.factors;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < f; d++) {
    const x = model.itemFactors[a * f + d];
    const y = model.itemFactors[b * f + d];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Reasons: the history items whose factors are closest to the recommended item's. */
export function explainByFactors(
  model: FactorModel,
  query: UserQuery,
  item: number,
  itemIds: readonly string[],
): string[] {
  const best = [...new Set(Array.from(query.items))]
    .map((source) => ({ source, similarity: itemCosine(model, source, item) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 1);
  const reasons = ['matches the taste learned from your history (latent factors)'];
  for (const b of best)
    reasons.push(`closest to "${itemIds[b.source]}" in factor space (cosine ${b.similarity.toFixed(3)})`);
  return reasons;
}

export function encodeFactors(model: FactorModel): unknown {
  return {
    factors: model.factors,
    userFactors: encodeArray(model.userFactors),
    itemFactors: encodeArray(model.itemFactors),
    itemBias: encodeArray(model.itemBias),
  };
}

export function decodeFactors(json: unknown, kind: string, histories: StoredHistories): FactorModel {
  const record = stateRecord(json, kind);
  const factors = decodeNumber(record.factors, kind, 'state.model.factors');
  const users = histories.userIds.length;
  const items = histories.itemIds.length;
  return {
    factors,
    userFactors: decodeArray(record.userFactors, 'float32', kind, 'state.model.userFactors', users * factors),
    itemFactors: decodeArray(record.itemFactors, 'float32', kind, 'state.model.itemFactors', items * factors),
    itemBias: decodeArray(record.itemBias, 'float32', kind, 'state.model.itemBias', items),
  };
}

/**
 * Fold-in of a new user: the ridge solution `u = (VᵀV_h + λI)⁻¹ V_hᵀ 1` over the history items'
 * factors `V_h` (conjugate gradient, `f` steps — exact in exact arithmetic).
 */
export function foldInUser(model: FactorModel, items: ArrayLike<number>, lambda: number): Float64Array {
  const f = model.factors;
  const history = [...new Set(Array.from(items))];
  const b = new Float64Array(f);
  for (const i of history) for (let d = 0; d < f; d++) b[d] += model.itemFactors[i * f + d];
  const apply = (x: Float64Array, out: Float64Array) => {
    for (let d = 0; d < f; d++) out[d] = lambda * x[d];
    for (const i of history) {
      let dot = 0;
      for (let d = 0; d < f; d++) dot += model.itemFactors[i * f + d] * x[d];
      for (let d = 0; d < f; d++) out[d] += dot * model.itemFactors[i * f + d];
    }
  };
  return conjugateGradient(apply, b, new Float64Array(f), f);
}

/** Solves A x = b for a symmetric positive definite operator, `steps` iterations from `x`. */
export function conjugateGradient(
  apply: (x: Float64Array, out: Float64Array) => void,
  b: Float64Array,
  x: Float64Array,
  steps: number,
): Float64Array {
  const n = b.length;
  const ax = new Float64Array(n);
  apply(x, ax);
  const r = new Float64Array(n);
  for (let d = 0; d < n; d++) r[d] = b[d] - ax[d];
  const p = r.slice();
  const ap = new Float64Array(n);
  let rr = dot(r, r);
  for (let s = 0; s < steps && rr > 1e-20; s++) {
    apply(p, ap);
    const alpha = rr / dot(p, ap);
    for (let d = 0; d < n; d++) {
      x[d] += alpha * p[d];
      r[d] -= alpha * ap[d];
    }
    const next = dot(r, r);
    for (let d = 0; d < n; d++) p[d] = r[d] + (next / rr) * p[d];
    rr = next;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d] * b[d];
  return s;
}
