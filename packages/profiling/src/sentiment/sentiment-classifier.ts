import {
  BaseEstimator,
  DimensionMismatchError,
  InputValidationError,
  InvalidModelJsonError,
  type LongRunningOptions,
  parseModelJson,
} from '@shoppilot/core';
import { Featurizer } from './featurizer';
import { denseWeights, fitNbLogistic, type NbLogisticFitOptions } from './nb-logistic';
import { fitNbSvm, type NbSvmFitOptions } from './nb-svm';
import { featurize, resolveTextOptions, type TextFeatureOptions } from './text-features';

export interface SentimentClassifierOptions
  extends TextFeatureOptions,
    Omit<NbLogisticFitOptions, 'signal' | 'onProgress'>,
    Omit<NbSvmFitOptions, 'signal' | 'onProgress' | 'alpha' | 'seed' | 'interpolation'> {
  /**
   * `logistic`: NB-LR by Adagrad SGD (`epochs`, `learningRate`, `l2`, `average`); `squared-hinge`:
   * NBSVM by dual coordinate descent (`C`, `maxIter`, `tol`). Default `logistic`.
   */
  loss?: 'logistic' | 'squared-hinge';
  /**
   * Wang & Manning's interpolation w' = (1 - beta) mean|w| + beta w (1 = none). Default 1 with
   * `logistic`, 0.25 with `squared-hinge`.
   */
  interpolation?: number;
  /** P(positive) at or above which a text is labelled 1. Default 0.5. */
  threshold?: number;
}

export interface SentimentClassifierState {
  bias: number;
  /** Base64 of the Int32 feature ids with non-zero weight. */
  indices: string;
  /** Base64 of their Float32 weights. */
  weights: string;
  trainedOn: number;
}

const KIND = 'profiling.sentiment-nb-lr';

function toBase64(array: Int32Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64<T extends Int32Array | Float32Array>(
  text: string,
  type: new (buffer: ArrayBuffer) => T,
): T {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new type(copy.buffer);
}

function checkLabels(texts: readonly string[], labels: readonly number[]): void {
  if (texts.length !== labels.length)
    throw new DimensionMismatchError({
      what: 'texts and labels',
      expected: texts.length,
      actual: labels.length,
    });
  const bad = labels.findIndex((label) => label !== 0 && label !== 1);
  if (bad >= 0)
    throw new InputValidationError({
      issues: [{ row: bad + 1, field: 'label', message: 'expected 0 or 1', received: String(labels[bad]) }],
    });
  const textBad = texts.findIndex((text) => typeof text !== 'string');
  if (textBad >= 0)
    throw new InputValidationError({
      issues: [{ row: textBad + 1, field: 'text', message: 'expected a string' }],
    });
  if (!labels.includes(0) || !labels.includes(1)) {
    throw new InputValidationError({
      issues: [{ field: 'label', message: 'training needs both classes (0 and 1)' }],
    });
  }
}

/**
 * Trainable review-sentiment classifier for Chinese, English and mixed text: NB-LR (logistic
 * regression on naive-Bayes log-count-ratio scaled binary features, Wang & Manning 2012) or NBSVM
 * (`loss: 'squared-hinge'`) over hashed CJK character 1-3-grams and Latin word 1-2-grams by default.
 * The probability of the squared-hinge model is sigmoid(margin), a score rather than a calibrated
 * probability (the 0.5 threshold is the SVM's decision boundary).
 */
export class SentimentClassifier extends BaseEstimator<SentimentClassifierOptions, SentimentClassifierState> {
  readonly kind = KIND;

  constructor(options: SentimentClassifierOptions = {}) {
    super(options);
  }
  #dense: Float32Array | undefined;
  #featurizer: Featurizer | undefined;

  #features(): Featurizer {
    this.#featurizer ??= new Featurizer(resolveTextOptions(this.options));
    return this.#featurizer;
  }

  async fit(
    texts: readonly string[],
    labels: readonly number[],
    run: LongRunningOptions = {},
  ): Promise<this> {
    checkLabels(texts, labels);
    const featurizer = this.#features();
    const x = featurize(texts, featurizer.options, featurizer);
    const size = featurizer.options.mask + 1;
    const model =
      (this.options.loss ?? 'logistic') === 'squared-hinge'
        ? await fitNbSvm(x, labels, size, { ...this.options, ...run })
        : await fitNbLogistic(x, labels, size, { ...this.options, ...run });
    this.#dense = undefined;
    return this.setState({
      bias: model.bias,
      indices: toBase64(model.indices),
      weights: toBase64(model.weights),
      trainedOn: texts.length,
    });
  }

  #lookup(): Float32Array {
    const state = this.requireState();
    if (!this.#dense) {
      const size = resolveTextOptions(this.options).mask + 1;
      this.#dense = denseWeights(
        {
          indices: fromBase64(state.indices, Int32Array),
          weights: fromBase64(state.weights, Float32Array),
          bias: state.bias,
        },
        size,
      );
    }
    return this.#dense;
  }

  /** P(positive) of each text. */
  predictProba(texts: readonly string[]): Float64Array {
    const dense = this.#lookup();
    const bias = this.requireState().bias;
    const featurizer = this.#features();
    const out = new Float64Array(texts.length);
    for (let r = 0; r < texts.length; r++) {
      const ids = featurizer.ids(texts[r]);
      let sum = 0;
      for (let k = 0; k < ids.length; k++) sum += dense[ids[k]];
      const z = bias + sum * featurizer.scale;
      out[r] = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
    return out;
  }

  /** 1 (positive) or 0 (negative) per text. */
  predict(texts: readonly string[]): number[] {
    const threshold = this.options.threshold ?? 0.5;
    return Array.from(this.predictProba(texts), (p) => (p >= threshold ? 1 : 0));
  }

  static fromJSON(json: unknown): SentimentClassifier {
    const parsed = parseModelJson<SentimentClassifierOptions, SentimentClassifierState>(json, {
      kind: KIND,
      version: 1,
    });
    const model = new SentimentClassifier(parsed.options);
    const s = parsed.state;
    if (s === null) return model;
    if (typeof s?.bias !== 'number' || typeof s.indices !== 'string' || typeof s.weights !== 'string') {
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state',
        message: 'expected bias, indices and weights',
      });
    }
    if (Buffer.from(s.indices, 'base64').byteLength !== Buffer.from(s.weights, 'base64').byteLength) {
      throw new InvalidModelJsonError({
        kind: KIND,
        path: 'state.weights',
        message: 'indices and weights differ in length',
      });
    }
    return model.setState(s);
  }
}
