import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { fitLogistic } from '../linear/logistic-regression';
import { rocAuc } from '../metrics/ranking-metrics';
import { LOGISTIC_C_GRID } from './baselines';
import type { PurchaseSamples } from './purchase-samples';

/** The logistic fit a network's wide paths start from (weights in the network's units). */
export interface WideStart {
  C: number;
  /** Weights of the (transformed) aggregate features. */
  dense: number[];
  /** Weight per age bucket and per size bucket (their share of the sequence slots). */
  ages: number[];
  sizes: number[];
  intercept: number;
  /** Validation AUC of every C tried (empty when C was fixed or there was no validation). */
  auc: Array<{ C: number; auc: number }>;
}

/** Inputs of the wide paths: transformed aggregates, then the shares of the slots per age and size bucket. */
function wideColumns(s: PurchaseSamples, dense: Float32Array, sizeVocab: number) {
  const F = s.denseNames.length;
  const width = F + s.timeVocab + sizeVocab;
  const row = (r: number): Float64Array => {
    const x = new Float64Array(width);
    for (let j = 0; j < F; j++) x[j] = dense[r * F + j];
    for (let k = 0; k < s.maxLength; k++) {
      x[F + s.ages[r * s.maxLength + k]] += 1 / s.maxLength;
      x[F + s.timeVocab + s.sizes[r * s.maxLength + k]] += 1 / s.maxLength;
    }
    return x;
  };
  return { width, row };
}

/**
 * Fits L2 logistic regression (unweighted) on the inputs of the wide paths of the training rows,
 * standardised with training statistics (constant columns left out); `C` fixed or `validation`
 * (the grid value with the best validation AUC, ties the smaller C; 1 without validation rows).
 * Returns the weights converted back to the network's input units.
 */
export function fitWideStart(
  s: PurchaseSamples,
  dense: Float32Array,
  sizeVocab: number,
  trainRows: readonly number[],
  validationRows: readonly number[],
  C: number | 'validation',
): WideStart {
  const { width, row } = wideColumns(s, dense, sizeVocab);
  const raw = trainRows.map(row);
  const mean = new Float64Array(width);
  const sd = new Float64Array(width);
  for (const x of raw) for (let j = 0; j < width; j++) mean[j] += x[j] / raw.length;
  for (const x of raw) for (let j = 0; j < width; j++) sd[j] += (x[j] - mean[j]) ** 2 / raw.length;
  const used = Array.from({ length: width }, (_, j) => j).filter((j) => sd[j] > 1e-12);
  for (const j of used) sd[j] = Math.sqrt(sd[j]);
  const standard = (x: Float64Array) => used.map((j) => (x[j] - mean[j]) / sd[j]);
  const data = Float64Array.from(raw.flatMap(standard));
  const labels = Uint8Array.from(trainRows, (r) => s.buy[r]);
  const fit = (c: number) => fitLogistic({ rows: raw.length, cols: used.length, data }, labels, { C: c });
  const toNetwork = (c: number, model: { weights: number[]; intercept: number }, auc: WideStart['auc']) => {
    const w = new Array<number>(width).fill(0);
    let intercept = model.intercept;
    used.forEach((j, i) => {
      w[j] = model.weights[i] / sd[j];
      intercept -= w[j] * mean[j];
    });
    const F = s.denseNames.length;
    const T = s.timeVocab;
    return { C: c, dense: w.slice(0, F), ages: w.slice(F, F + T), sizes: w.slice(F + T), intercept, auc };
  };
  if (C !== 'validation' || validationRows.length === 0) {
    const chosen = C === 'validation' ? 1 : C;
    return toNetwork(chosen, fit(chosen), []);
  }
  const y = validationRows.map((r) => s.buy[r]);
  const valid = validationRows.map((r) => standard(row(r)));
  const tried = LOGISTIC_C_GRID.map((c) => {
    const model = fit(c);
    const scores = valid.map((x) => x.reduce((z, v, i) => z + v * model.weights[i], model.intercept));
    return { C: c, model, auc: rocAuc(y, scores) };
  });
  const best = tried.reduce((a, b) => (b.auc > a.auc + 1e-12 ? b : a));
  return toNetwork(
    best.C,
    best.model,
    tried.map(({ C: c, auc }) => ({ C: c, auc })),
  );
}

/**
 * Sets the network's wide paths (`buy_wide`, `age_wide`, `size_wide`) to the logistic fit, the
 * bias shifted by `shift` (ln of class weight / negative rate, the logit offset of the weighted
 * training), and the deep logits (`buy_deep`, `buy_mlp` when present) to zero: the untrained buy
 * head is the logistic model.
 */
export function applyWideStart(model: tfl.LayersModel, start: WideStart, shift: number): void {
  const set = (layer: string, values: tf.Tensor[]) => {
    model.getLayer(layer).setWeights(values);
    for (const t of values) t.dispose();
  };
  set('buy_wide', [
    tf.tensor2d(start.dense, [start.dense.length, 1]),
    tf.tensor1d([start.intercept + shift]),
  ]);
  set('age_wide', [tf.tensor2d(start.ages, [start.ages.length, 1])]);
  set('size_wide', [tf.tensor2d(start.sizes, [start.sizes.length, 1])]);
  const zero = (layer: string) =>
    set(
      layer,
      model
        .getLayer(layer)
        .getWeights()
        .map((w) => tf.zerosLike(w)),
    );
  zero('buy_deep');
  if (model.layers.some((l) => l.name === 'buy_mlp')) zero('buy_mlp');
}

/**
 * Starts the category head (`category` softmax) at the training prior: kernel zero, bias
 * ln((count_c + 1) / (N + V)) over the next-purchase categories of the N training rows with a buy
 * (V = category vocabulary, add-one smoothing), so the untrained head ranks by popularity instead
 * of at random (it matters when early stopping keeps the start weights).
 */
export function applyCategoryPrior(
  model: tfl.LayersModel,
  s: PurchaseSamples,
  trainRows: readonly number[],
): void {
  const layer = model.getLayer('category');
  const [kernel, bias] = layer.getWeights();
  const vocab = bias.shape[0];
  const counts = new Float64Array(vocab);
  let n = 0;
  for (const r of trainRows) {
    if (s.nextCategory[r] < 0) continue;
    counts[s.nextCategory[r]]++;
    n++;
  }
  const values = [
    tf.zerosLike(kernel),
    tf.tensor1d(Array.from(counts, (c) => Math.log((c + 1) / (n + vocab)))),
  ];
  layer.setWeights(values);
  for (const t of values) t.dispose();
}
