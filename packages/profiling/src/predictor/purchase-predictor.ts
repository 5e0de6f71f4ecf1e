import {
  BaseEstimator,
  BEHAVIOR_TYPES,
  exportToOnnx,
  InvalidModelJsonError,
  initTensorBackend,
  type LongRunningOptions,
  parseModelJson,
} from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { topK } from '../metrics/ranking-metrics';
import { applyDenseTransform, type DenseTransform, fitDenseTransform } from './dense-features';
import type { PurchaseSamples } from './purchase-samples';
import { inputTensors, type TrainOptions, type TrainReport, trainTransformer } from './train-transformer';
import { buildTransformer, type TransformerArchitecture, type TransformerShape } from './transformer-model';
import type { SequenceVocabulary } from './vocabulary';

export interface PurchasePredictorOptions
  extends TransformerArchitecture,
    Omit<TrainOptions, 'signal' | 'onProgress'> {
  /** Categories returned per user. Default 5. */
  topK?: number;
  /**
   * `prior-correction`: undo the class weighting in the reported probability,
   * p = sigmoid(logit(p_model) - ln(positiveWeight)) (King & Zeng 2001), so log loss is fair.
   * `none`: the weighted model's output. Default `prior-correction`.
   */
  calibration?: 'prior-correction' | 'none';
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
  report: TrainReport;
  weights: StoredWeight[];
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
  /** A later time window for early stopping. Default: none (trains all epochs). */
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

/**
 * Transformer purchase predictor over each user's recent events: P(buy within the horizon) and the
 * next purchase's category (top-k), trained together with class weighting, early stopping on a
 * later validation window, and exportable to ONNX. Build samples with `buildPurchaseSamples`.
 */
export class PurchasePredictor extends BaseEstimator<PurchasePredictorOptions, PurchasePredictorState> {
  readonly kind = KIND;
  #model: tfl.LayersModel | undefined;

  constructor(options: PurchasePredictorOptions = {}) {
    super(options);
  }

  async fit(data: PurchaseFitData, run: LongRunningOptions = {}): Promise<this> {
    await initTensorBackend();
    const { train, vocabulary } = data;
    const shape: TransformerShape = {
      maxLength: train.maxLength,
      typeVocab: BEHAVIOR_TYPES.length + 1,
      itemVocab: vocabulary.items.length + 2,
      categoryVocab: vocabulary.categories.length + 2,
      timeVocab: 33,
      contextWidth: train.contextWidth,
      denseWidth: train.denseNames.length,
    };
    const transform = fitDenseTransform(train.dense, shape.denseWidth);
    this.dispose();
    const model = buildTransformer(shape, this.options, this.options.seed ?? 0);
    const validation = data.validation;
    const joined = validation ? concatRows(train, validation) : train;
    const dense = applyDenseTransform(joined.dense, shape.denseWidth, transform);
    const trainRows = allRows(train.n);
    const validationRows = validation ? allRows(validation.n).map((r) => r + train.n) : [];
    const report = await trainTransformer(model, joined, dense, trainRows, validationRows, {
      ...this.options,
      ...run,
    });
    this.#model = model;
    const weights = model
      .getWeights()
      .map((w) => ({ shape: w.shape, data: encode(w.dataSync() as Float32Array) }));
    return this.setState({
      vocabulary,
      shape,
      denseNames: train.denseNames,
      denseTransform: transform,
      positiveWeight: report.positiveWeight,
      report,
      weights,
    });
  }

  #network(): tfl.LayersModel {
    const state = this.requireState();
    if (!this.#model) {
      const model = buildTransformer(state.shape, this.options, this.options.seed ?? 0);
      const tensors = state.weights.map((w) => tf.tensor(decode(w.data), w.shape));
      model.setWeights(tensors);
      for (const t of tensors) t.dispose();
      this.#model = model;
    }
    return this.#model;
  }

  async predict(samples: PurchaseSamples, batchSize = 512): Promise<PurchasePrediction> {
    const state = this.requireState();
    await initTensorBackend();
    const model = this.#network();
    const dense = applyDenseTransform(samples.dense, state.shape.denseWidth, state.denseTransform);
    const k = this.options.topK ?? 5;
    const shift =
      (this.options.calibration ?? 'prior-correction') === 'prior-correction'
        ? Math.log(state.positiveWeight)
        : 0;
    const buyProbability = new Float64Array(samples.n);
    const categoryRanking: number[][] = [];
    for (let start = 0; start < samples.n; start += batchSize) {
      const rows = allRows(Math.min(batchSize, samples.n - start)).map((r) => r + start);
      const [p, q] = tf.tidy(() =>
        (model.apply(inputTensors(samples, dense, rows), { training: false }) as tf.Tensor[]).map((t) =>
          t.dataSync(),
        ),
      );
      const width = state.shape.categoryVocab;
      rows.forEach((row, i) => {
        const logit = Math.log(Math.max(p[i], 1e-12) / Math.max(1 - p[i], 1e-12)) - shift;
        buyProbability[row] = 1 / (1 + Math.exp(-logit));
        categoryRanking.push(topK(q.subarray(i * width, (i + 1) * width), k, new Set([0])));
      });
    }
    const name = (id: number) => (id >= 2 ? state.vocabulary.categories[id - 2] : 'other');
    return { buyProbability, categoryRanking, categories: categoryRanking.map((ids) => ids.map(name)) };
  }

  /** ONNX bytes of the network (outputs `buy` before prior correction, and `category`). */
  exportOnnx(): Uint8Array {
    const state = this.requireState('exportOnnx');
    return exportToOnnx(this.#network(), {
      docString:
        'ShopPilot purchase Transformer: buy = P(buy within horizon) before prior correction; category = softmax over category ids',
      metadata: {
        positiveWeight: String(state.positiveWeight),
        categories: JSON.stringify(state.vocabulary.categories),
      },
    });
  }

  /** Frees the tensors of the network (it is rebuilt from the state when needed again). */
  dispose(): void {
    this.#model?.dispose();
    this.#model = undefined;
  }

  static fromJSON(json: unknown): PurchasePredictor {
    const parsed = parseModelJson<PurchasePredictorOptions, PurchasePredictorState>(json, {
      kind: KIND,
      version: 1,
    });
    const model = new PurchasePredictor(parsed.options);
    const s = parsed.state;
    if (s === null) return model;
    if (
      !s?.shape ||
      !Array.isArray(s.weights) ||
      !s.vocabulary ||
      !s.denseTransform ||
      s.weights.some((w) => !Array.isArray(w?.shape) || typeof w.data !== 'string')
    ) {
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state',
        message: 'expected shape, vocabulary, denseTransform and weights [{ shape, data }]',
      });
    }
    return model.setState(s);
  }
}

/** Rows of `a` followed by rows of `b` (same layout). */
export function concatRows(a: PurchaseSamples, b: PurchaseSamples): PurchaseSamples {
  const join = <T extends Int32Array | Float32Array | Float64Array | Uint8Array>(x: T, y: T): T => {
    const out = new (x.constructor as new (n: number) => T)(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return {
    ...a,
    n: a.n + b.n,
    types: join(a.types, b.types),
    items: join(a.items, b.items),
    categories: join(a.categories, b.categories),
    gaps: join(a.gaps, b.gaps),
    ages: join(a.ages, b.ages),
    context: join(a.context, b.context),
    dense: join(a.dense, b.dense),
    buy: join(a.buy, b.buy),
    nextCategory: join(a.nextCategory, b.nextCategory),
    cutoff: join(a.cutoff, b.cutoff),
    userIndex: join(a.userIndex, b.userIndex),
  };
}
