import {
  BaseEstimator,
  DimensionMismatchError,
  exportToOnnx,
  InvalidArgumentError,
  InvalidModelJsonError,
  initTensorBackend,
  type LongRunningOptions,
  parseModelJson,
} from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { withActivityColumns } from './activity-features';
import { type BlendChoice, blendedRanking, chooseBlendWeight } from './category-blend';
import { applyDenseTransform, type DenseTransform, fitDenseTransform } from './dense-features';
import type { PurchaseSamples } from './purchase-samples';
import { concatRows } from './sample-rows';
import {
  classWeighting,
  inputTensors,
  type TrainOptions,
  type TrainReport,
  trainTransformer,
} from './train-transformer';
import {
  buildTransformer,
  type TransformerArchitecture,
  type TransformerShape,
  transformerShapeFor,
} from './transformer-model';
import type { SequenceVocabulary } from './vocabulary';
import { applyCategoryPrior, applyWideStart, fitWideStart } from './wide-start';

export interface PurchasePredictorOptions
  extends TransformerArchitecture,
    Omit<TrainOptions, 'signal' | 'onProgress' | 'startIsCandidate'> {
  /** Categories returned per user. Default 5. */
  topK?: number;
  /**
   * `prior-correction`: undo the class weighting and negative subsampling in the reported
   * probability, p = sigmoid(logit(p_model) - ln(positiveWeight / negativeRate)) (King & Zeng 2001),
   * so log loss is fair. `none`: the weighted model's output. Default `prior-correction`.
   */
  calibration?: 'prior-correction' | 'none';
  /** Networks trained with seeds seed, seed + 1, …; buy logits and category softmaxes are averaged. Default 1. */
  ensembleSize?: number;
  /**
   * Weight of the user's own recent category frequencies mixed into the category softmax:
   * `validation` picks it from `BLEND_WEIGHTS` by validation Recall@k (0 without validation rows),
   * or a fixed number in [0, 1]. Default `validation`.
   */
  categoryBlend?: 'validation' | number;
  /**
   * Start of the buy head: `logistic` sets the wide path to an L2 logistic regression on the
   * aggregate features (C from `wideC`) and the deep logit to zero, and scores these start weights
   * as epoch 0 of early stopping, so training can only replace them by weights that do better on
   * validation; `random` initialises both paths randomly. Default `logistic`.
   */
  wideStart?: 'logistic' | 'random';
  /**
   * Start of the category head: `prior` = zero kernel and the log training frequencies as bias (the
   * untrained head ranks by popularity, which matters when early stopping keeps the start weights);
   * `random` = Glorot initialisation. Default `random`.
   */
  categoryStart?: 'prior' | 'random';
  /** L2 C of the starting logistic fit, or `validation` (best validation AUC over `LOGISTIC_C_GRID`). Default `validation`. */
  wideC?: number | 'validation';
}

interface StoredWeight {
  shape: number[];
  data: string;
}

export interface PurchasePredictorState {
  vocabulary: SequenceVocabulary;
  shape: TransformerShape;
  denseNames: string[];
  denseTransform: DenseTransform;
  positiveWeight: number;
  negativeRate: number;
  /** One entry per ensemble member. */
  members: Array<{ report: TrainReport; weights: StoredWeight[] }>;
  categoryBlend: BlendChoice;
  /** The logistic fit the wide path started from (absent with `wideStart: 'random'`). */
  wideStart?: { C: number; auc: Array<{ C: number; auc: number }> };
}

export interface PurchasePrediction {
  /** P(buy within the horizon) per row. */
  buyProbability: Float64Array;
  /** Top-k category vocabulary ids per row (2.. = `vocabulary.categories[id - 2]`, 1 = other). */
  categoryRanking: number[][];
  /** The same as category names (`other` for id 1). */
  categories: string[][];
}

export interface PurchaseFitData {
  vocabulary: SequenceVocabulary;
  train: PurchaseSamples;
  /** A later time window for early stopping and the category blend. Default: none (trains all epochs). */
  validation?: PurchaseSamples;
}

const KIND = 'profiling.purchase-transformer';

function encode(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function decode(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

function allRows(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

interface Forward {
  /** Mean buy logit of the members per row. */
  logits: Float64Array;
  /** Mean category softmax, rows x categoryVocab. */
  softmax: Float32Array;
}

/** Runs every member on the rows (batched) and averages buy logits and category softmaxes. */
function forward(
  models: tfl.LayersModel[],
  samples: PurchaseSamples,
  dense: Float32Array,
  rows: readonly number[],
  width: number,
  batchSize = 512,
): Forward {
  const logits = new Float64Array(rows.length);
  const softmax = new Float32Array(rows.length * width);
  for (const model of models) {
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      const [p, q] = tf.tidy(() =>
        (model.apply(inputTensors(samples, dense, batch), { training: false }) as tf.Tensor[]).map((t) =>
          t.dataSync(),
        ),
      );
      for (let i = 0; i < batch.length; i++) {
        logits[start + i] += Math.log(Math.max(p[i], 1e-12) / Math.max(1 - p[i], 1e-12)) / models.length;
        for (let c = 0; c < width; c++) softmax[(start + i) * width + c] += q[i * width + c] / models.length;
      }
    }
  }
  return { logits, softmax };
}

/**
 * Transformer purchase predictor over each user's recent events: P(buy within the horizon) and the
 * next purchase's category (top-k, blended with the user's own category frequencies), trained
 * together with class weighting, early stopping on a later validation window, optionally as a
 * seed ensemble, and exportable to ONNX. Build samples with `buildPurchaseSamples`.
 */
export class PurchasePredictor extends BaseEstimator<PurchasePredictorOptions, PurchasePredictorState> {
  readonly kind = KIND;
  protected override readonly version = 3;
  #models: tfl.LayersModel[] = [];

  constructor(options: PurchasePredictorOptions = {}) {
    super(options);
  }

  async fit(data: PurchaseFitData, run: LongRunningOptions = {}): Promise<this> {
    await initTensorBackend();
    const { vocabulary } = data;
    // the purchase-rhythm features (if any) join the aggregates as extra columns of the network
    const train = withActivityColumns(data.train);
    const shape = transformerShapeFor(train, vocabulary);
    const transform = fitDenseTransform(train.dense, shape.denseWidth);
    this.dispose();
    const validation = data.validation && withActivityColumns(data.validation);
    const joined = validation ? concatRows(train, validation) : train;
    const dense = applyDenseTransform(joined.dense, shape.denseWidth, transform);
    const trainRows = allRows(train.n);
    const validationRows = validation ? allRows(validation.n).map((r) => r + train.n) : [];
    const seed = this.options.seed ?? 0;
    const members: PurchasePredictorState['members'] = [];
    const size = this.options.ensembleSize ?? 1;
    const warm = (this.options.wideStart ?? 'logistic') === 'logistic';
    const start = warm
      ? fitWideStart(
          joined,
          dense,
          shape.sizeVocab,
          trainRows,
          validationRows,
          this.options.wideC ?? 'validation',
        )
      : undefined;
    const weighting = classWeighting(joined.buy, trainRows, this.options);
    for (let m = 0; m < size; m++) {
      const model = buildTransformer(shape, this.options, seed + m);
      if (start) applyWideStart(model, start, Math.log(weighting.positiveWeight / weighting.negativeRate));
      if (this.options.categoryStart === 'prior') applyCategoryPrior(model, joined, trainRows);
      const report = await trainTransformer(model, joined, dense, trainRows, validationRows, {
        ...this.options,
        seed: seed + m,
        startIsCandidate: warm,
        ...run,
        onProgress: (event) =>
          run.onProgress?.({ ...event, stage: size > 1 ? `member ${m + 1}/${size} epoch` : event.stage }),
      });
      this.#models.push(model);
      const weights = model
        .getWeights()
        .map((w) => ({ shape: w.shape, data: encode(w.dataSync() as Float32Array) }));
      members.push({ report, weights });
    }
    const categoryBlend = this.#chooseBlend(joined, dense, validationRows, shape.categoryVocab);
    const { positiveWeight, negativeRate } = members[0].report;
    return this.setState({
      vocabulary,
      shape,
      denseNames: train.denseNames,
      denseTransform: transform,
      positiveWeight,
      negativeRate,
      members,
      categoryBlend,
      ...(start ? { wideStart: { C: start.C, auc: start.auc } } : {}),
    });
  }

  #chooseBlend(s: PurchaseSamples, dense: Float32Array, rows: number[], width: number): BlendChoice {
    const fixed = this.options.categoryBlend ?? 'validation';
    if (fixed !== 'validation') return { weight: fixed, scores: [] };
    const buyers = rows.filter((r) => s.nextCategory[r] >= 1);
    const { softmax } = forward(this.#models, s, dense, buyers, width);
    return chooseBlendWeight(
      (i) => softmax.subarray(i * width, (i + 1) * width),
      s,
      buyers,
      buyers.map((r) => s.nextCategory[r]),
      this.options.topK ?? 5,
    );
  }

  #networks(): tfl.LayersModel[] {
    const state = this.requireState();
    if (!this.#models.length) {
      this.#models = state.members.map((member, m) => {
        const model = buildTransformer(state.shape, this.options, (this.options.seed ?? 0) + m);
        const tensors = member.weights.map((w) => tf.tensor(decode(w.data), w.shape));
        model.setWeights(tensors);
        for (const t of tensors) t.dispose();
        return model;
      });
    }
    return this.#models;
  }

  async predict(samples: PurchaseSamples, batchSize = 512): Promise<PurchasePrediction> {
    const state = this.requireState();
    await initTensorBackend();
    const merged = withActivityColumns(samples);
    if (merged.denseNames.join() !== state.denseNames.join())
      throw new DimensionMismatchError({
        what: `aggregate + activity columns of the samples ([${merged.denseNames.join(', ')}] vs the fitted [${state.denseNames.join(', ')}]; build samples with the same denseFeatures and activityWeeks)`,
        expected: state.denseNames.length,
        actual: merged.denseNames.length,
      });
    const dense = applyDenseTransform(merged.dense, state.shape.denseWidth, state.denseTransform);
    const k = this.options.topK ?? 5;
    const shift =
      (this.options.calibration ?? 'prior-correction') === 'prior-correction'
        ? Math.log(state.positiveWeight / state.negativeRate)
        : 0;
    const width = state.shape.categoryVocab;
    const { logits, softmax } = forward(
      this.#networks(),
      merged,
      dense,
      allRows(samples.n),
      width,
      batchSize,
    );
    const buyProbability = logits.map((z) => 1 / (1 + Math.exp(-(z - shift))));
    const categoryRanking = allRows(samples.n).map((r) =>
      blendedRanking(softmax.subarray(r * width, (r + 1) * width), samples, r, state.categoryBlend.weight, k),
    );
    const name = (id: number) => (id >= 2 ? state.vocabulary.categories[id - 2] : 'other');
    return { buyProbability, categoryRanking, categories: categoryRanking.map((ids) => ids.map(name)) };
  }

  /**
   * ONNX bytes of one ensemble member's network (`member`, default 0; outputs `buy` before prior
   * correction and `category` before the history blend). Average the members' buy logits yourself.
   */
  exportOnnx(member = 0): Uint8Array {
    const state = this.requireState('exportOnnx');
    const networks = this.#networks();
    if (!Number.isInteger(member) || member < 0 || member >= networks.length)
      throw new InvalidArgumentError({
        argument: 'member',
        message: `must be an integer in [0, ${networks.length - 1}]`,
        value: member,
      });
    return exportToOnnx(networks[member], {
      docString:
        'ShopPilot purchase Transformer: buy = P(buy within horizon) before prior correction; category = softmax over category ids',
      metadata: {
        positiveWeight: String(state.positiveWeight),
        negativeRate: String(state.negativeRate),
        priorShift: String(Math.log(state.positiveWeight / state.negativeRate)),
        categoryBlend: String(state.categoryBlend.weight),
        categories: JSON.stringify(state.vocabulary.categories),
      },
    });
  }

  /** Frees the tensors of the networks (they are rebuilt from the state when needed again). */
  dispose(): void {
    for (const model of this.#models) model.dispose();
    this.#models = [];
  }

  static fromJSON(json: unknown): PurchasePredictor {
    const parsed = parseModelJson<PurchasePredictorOptions, PurchasePredictorState>(json, {
      kind: KIND,
      version: 3,
    });
    const model = new PurchasePredictor(parsed.options);
    const s = parsed.state;
    if (s === null) return model;
    const badMember = (m: PurchasePredictorState['members'][number]) =>
      !Array.isArray(m?.weights) ||
      m.weights.some((w) => !Array.isArray(w?.shape) || typeof w.data !== 'string');
    if (
      !s?.shape ||
      !Array.isArray(s.members) ||
      s.members.length === 0 ||
      s.members.some(badMember) ||
      !s.vocabulary ||
      !s.denseTransform ||
      typeof s.categoryBlend?.weight !== 'number' ||
      typeof s.positiveWeight !== 'number' ||
      typeof s.negativeRate !== 'number'
    ) {
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state',
        message:
          'expected shape, vocabulary, denseTransform, positiveWeight, negativeRate, categoryBlend and members [{ report, weights: [{ shape, data }] }]',
      });
    }
    return model.setState(s);
  }
}
