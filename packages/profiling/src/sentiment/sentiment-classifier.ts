import {
  BaseEstimator,
  DimensionMismatchError,
  InputValidationError,
  type LongRunningOptions,
  parseModelJson,
} from '@shoppilot/core';
import { Featurizer } from './featurizer';
import { denseWeights } from './nb-logistic';
import {
  fitMember,
  fitStacked,
  resolveMembers,
  type SentimentMemberOptions,
  type StackOptions,
} from './sentiment-members';
import {
  checkState,
  decodeWeights,
  encodeWeights,
  SENTIMENT_KIND,
  type SentimentClassifierState,
} from './sentiment-state';
import { StackedScorer } from './stacked-scorer';
import { featurize, resolveTextOptions } from './text-features';

export interface SentimentClassifierOptions extends SentimentMemberOptions, StackOptions {
  /** P(positive) at or above which a text is labelled 1. Default 0.5. */
  threshold?: number;
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
 * probability (the 0.5 threshold is the SVM's decision boundary). With `stack`, several such models
 * (e.g. word n-grams and in-word character n-grams) are stacked: a logistic meta-model learns one
 * weight per model from out-of-fold margins (`stackFolds`), and P(positive) =
 * sigmoid(meta bias + sum of weight x margin).
 */
export class SentimentClassifier extends BaseEstimator<SentimentClassifierOptions, SentimentClassifierState> {
  readonly kind = SENTIMENT_KIND;

  constructor(options: SentimentClassifierOptions = {}) {
    super(options);
  }
  #featurizers: Featurizer[] | undefined;
  #tables: Array<{ featurizer: Featurizer; dense: Float32Array }> | undefined;
  #scorer: StackedScorer | null | undefined;

  async fit(
    texts: readonly string[],
    labels: readonly number[],
    run: LongRunningOptions = {},
  ): Promise<this> {
    checkLabels(texts, labels);
    const members = resolveMembers(this.options);
    this.#tables = undefined;
    this.#featurizers = undefined;
    this.#scorer = undefined;
    if (!this.options.stack?.length) {
      const x = featurize(texts, resolveTextOptions(members[0]));
      const model = await fitMember(x, labels, members[0], run);
      return this.setState({ bias: model.bias, ...encodeWeights(model), trainedOn: texts.length });
    }
    const stacked = await fitStacked(texts, labels, members, this.options, run);
    return this.setState({
      bias: stacked.bias,
      indices: '',
      weights: '',
      trainedOn: texts.length,
      members: stacked.members.map(encodeWeights),
      stackWeights: stacked.stackWeights,
    });
  }

  /** One featurizer and one dense weight table per member. */
  #lookups(): Array<{ featurizer: Featurizer; dense: Float32Array }> {
    const state = this.requireState();
    if (!this.#tables) {
      const stored = state.members ?? [state];
      this.#featurizers ??= resolveMembers(this.options).map((m) => new Featurizer(resolveTextOptions(m)));
      this.#tables = this.#featurizers.map((featurizer, m) => ({
        featurizer,
        dense: denseWeights(decodeWeights(stored[m]), featurizer.options.mask + 1),
      }));
    }
    return this.#tables;
  }

  /**
   * The one-pass scorer of a stack's members (null for a single model, whose one `Featurizer` pass
   * is already shared, and when the members' negation scopes differ).
   */
  #sharedScorer(): StackedScorer | null {
    if (this.#scorer === undefined) {
      const tables = this.#lookups();
      const options = tables.map((t) => t.featurizer.options);
      this.#scorer =
        tables.length > 1 && StackedScorer.canShareTokens(options)
          ? new StackedScorer(tables.map((t) => ({ options: t.featurizer.options, dense: t.dense })))
          : null;
    }
    return this.#scorer;
  }

  /** P(positive) of each text: with a stack, one tokenisation shared by all members. */
  predictProba(texts: readonly string[]): Float64Array {
    const bias = this.requireState().bias;
    const scorer = this.#sharedScorer();
    if (scorer === null) return this.#predictPerMember(texts, bias);
    const out = new Float64Array(texts.length);
    for (let r = 0; r < texts.length; r++) {
      const z = scorer.score(texts[r], bias);
      out[r] = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
    return out;
  }

  /** Each member's `Featurizer` ids x its dense weights (one model, or members with different negation scopes). */
  #predictPerMember(texts: readonly string[], bias: number): Float64Array {
    const tables = this.#lookups();
    const out = new Float64Array(texts.length);
    for (let r = 0; r < texts.length; r++) {
      let z = bias;
      for (const { featurizer, dense } of tables) {
        const ids = featurizer.ids(texts[r]);
        let sum = 0;
        for (let k = 0; k < ids.length; k++) sum += dense[ids[k]];
        z += sum * featurizer.scale;
      }
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
      kind: SENTIMENT_KIND,
      version: 1,
    });
    const model = new SentimentClassifier(parsed.options);
    if (parsed.state === null) return model;
    return model.setState(checkState(parsed.state, resolveMembers(parsed.options).length));
  }
}
