import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { englishSample } from './__fixtures__/english-sample';
import { binaryClassificationReport, isTestRow } from './classification-metrics';
import { SentimentClassifier, type SentimentClassifierOptions } from './sentiment-classifier';
import { fitMember, marginsOf } from './sentiment-members';
import { fitStackingWeights, selectRows, stackingFolds } from './stacking';
import { featurize, resolveTextOptions, type TextFeatureOptions, textFeatureIds } from './text-features';

const ids = (text: string, options: TextFeatureOptions) =>
  new Set(textFeatureIds(text, resolveTextOptions({ bits: 24, ...options })));
const shared = (a: Set<number>, b: Set<number>) => [...a].filter((id) => b.has(id)).length;

describe('in-word character n-grams (char_wb)', () => {
  const chars: TextFeatureOptions = { words: [0, 0], wordChars: [2, 5] };

  it('makes the 2-5-grams of "<word>" once each', () => {
    // "<good>": 5 bigrams + 4 trigrams + 3 four-grams + 2 five-grams
    expect(ids('good', chars).size).toBe(14);
    // "<aaaa>": <a aa a> | <aa aaa aa> | <aaa aaaa aaa> | <aaaa aaaa> (repeats counted once)
    expect(ids('aaaa', chars).size).toBe(11);
  });

  it('shares the prefix n-grams of "good" and "goods" but not the suffix ones', () => {
    // common: <g go oo od | <go goo ood | <goo good | <good; "d>", "od>", "ood>", "good>" differ
    expect(shared(ids('good', chars), ids('goods', chars))).toBe(10);
  });
});

describe('negation scope (Das & Chen 2001)', () => {
  const sentence = 'not good at all, but fine';

  it('marks the words after "not" up to the punctuation, at most negationScope of them', () => {
    const unigrams: TextFeatureOptions = { words: [1, 1] };
    const text = ids(sentence, { ...unigrams, negationScope: 3 });
    for (const word of ['good', 'at', 'all']) expect(shared(text, ids(word, unigrams))).toBe(0);
    for (const word of ['not', 'but', 'fine']) expect(shared(text, ids(word, unigrams))).toBe(1);
    // a scope of 2 ends before "all"; a scope of 0 marks nothing
    expect(shared(ids(sentence, { ...unigrams, negationScope: 2 }), ids('all', unigrams))).toBe(1);
    expect(shared(ids(sentence, { ...unigrams, negationScope: 0 }), ids('good', unigrams))).toBe(1);
  });

  it("marks the negated words' character n-grams too", () => {
    const chars: TextFeatureOptions = { words: [0, 0], wordChars: [2, 5] };
    expect(shared(ids('not good', chars), ids('good', chars))).toBe(0);
    expect(shared(ids('not good', chars), ids('not', chars))).toBe(ids('not', chars).size);
    expect(shared(ids('not good', { ...chars, negationScope: 0 }), ids('good', chars))).toBe(14);
  });
});

describe('stacking meta-model', () => {
  it('equals R glm(family = binomial) without a penalty', () => {
    // Rscript -e 'x1 <- c(-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5);
    //   x2 <- c(0.3, -0.2, 0.8, 0.1, -0.6, 0.4, -0.1, 0.9, -0.4, 0.2);
    //   y <- c(0, 0, 1, 0, 1, 0, 1, 1, 0, 1); print(coef(glm(y ~ x1 + x2, family = binomial)), digits = 12)'
    const x1 = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5];
    const x2 = [0.3, -0.2, 0.8, 0.1, -0.6, 0.4, -0.1, 0.9, -0.4, 0.2];
    const y = [0, 0, 1, 0, 1, 0, 1, 1, 0, 1];
    const fit = fitStackingWeights([x1, x2], y, 0);
    expect(fit.bias).toBeCloseTo(-0.319849518444, 8);
    expect(fit.weights[0]).toBeCloseTo(0.638245662327, 8);
    expect(fit.weights[1]).toBeCloseTo(1.234405523163, 8);
  });

  it('stays finite on separable data and zeroes the penalised gradient', () => {
    // member 1 separates the classes, member 2 is noise
    const a = [-3, -2, -1.5, -1, 1, 1.2, 2, 3];
    const b = [0.5, -0.5, 0.2, -0.1, 0.3, -0.4, 0.1, -0.2];
    const y = [0, 0, 0, 0, 1, 1, 1, 1];
    const l2 = 0.01;
    const fit = fitStackingWeights([a, b], y, l2);
    expect(fit.weights[0]).toBeGreaterThan(Math.abs(fit.weights[1]));
    const grad = [0, 0, 0];
    y.forEach((label, i) => {
      const p = 1 / (1 + Math.exp(-(fit.bias + fit.weights[0] * a[i] + fit.weights[1] * b[i])));
      grad[0] += ((p - label) * a[i]) / y.length;
      grad[1] += ((p - label) * b[i]) / y.length;
      grad[2] += (p - label) / y.length;
    });
    grad[0] += l2 * fit.weights[0];
    grad[1] += l2 * fit.weights[1];
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-9);
  });

  it('deals folds of sizes differing by at most one, the same for the same seed', () => {
    const folds = stackingFolds(23, 5, 4);
    const sizes = [0, 1, 2, 3, 4].map((k) => folds.filter((f) => f === k).length);
    expect(sizes.sort()).toEqual([4, 4, 5, 5, 5]);
    expect(stackingFolds(23, 5, 4)).toEqual(folds);
  });

  it('selects CSR rows in the given order', () => {
    const x = featurize(['good', 'bad value', ''], resolveTextOptions({ bits: 18, normalize: 'l2' }));
    const picked = selectRows(x, [1, 0]);
    expect(Array.from(picked.offsets)).toEqual([0, 3, 4]);
    expect(Array.from(picked.indices)).toEqual([...x.indices.subarray(1, 4), x.indices[0]]);
    expect(picked.values?.[0]).toBeCloseTo(1 / Math.sqrt(3), 6);
  });
});

const TRAIN: Array<[string, number]> = [
  ['great value, works well', 1],
  ['love it, highly recommend', 1],
  ['excellent quality and fast delivery', 1],
  ['very happy with this purchase', 1],
  ['tastes great, will buy again', 1],
  ['not bad at all, good price', 1],
  ['broke after two days', 0],
  ['terrible quality, waste of money', 0],
  ['not good, would not recommend', 0],
  ['awful taste and stale', 0],
  ['arrived damaged and late', 0],
  ['poor fit, returned it', 0],
];
const STACKED: SentimentClassifierOptions = {
  bits: 16,
  normalize: 'l2',
  loss: 'squared-hinge',
  interpolation: 0.5,
  stackFolds: 3,
  seed: 2,
  stack: [{ words: [1, 2] }, { words: [0, 0], wordChars: [2, 4] }],
};

describe('stacked SentimentClassifier', () => {
  it('scores meta bias + sum of stacking weight x member margin (members refitted on all rows)', async () => {
    const texts = TRAIN.map((r) => r[0]);
    const labels = TRAIN.map((r) => r[1]);
    const model = await new SentimentClassifier(STACKED).fit(texts, labels);
    const weights = model.toJSON().state?.stackWeights ?? [];
    expect(weights.length).toBe(2);
    const queries = ['great quality', 'not good', 'waste of money, stale', 'love the price'];
    const margins = await Promise.all(
      (STACKED.stack ?? []).map(async (member) => {
        const options = { ...STACKED, stack: undefined, ...member };
        const fitted = await fitMember(featurize(texts, resolveTextOptions(options)), labels, options);
        const size = resolveTextOptions(options).mask + 1;
        return marginsOf(featurize(queries, resolveTextOptions(options)), fitted, size);
      }),
    );
    const p = model.predictProba(queries);
    const metaBias = queries.map(
      (_, i) => Math.log(p[i] / (1 - p[i])) - weights[0] * margins[0][i] - weights[1] * margins[1][i],
    );
    for (const bias of metaBias) expect(bias).toBeCloseTo(metaBias[0], 4);
  });

  it('learns positive weights for word and character members on held-out English reviews', async () => {
    // 600 fixture reviews; OOF margins need a few hundred rows (on a dozen texts the leave-fold-out
    // NB ratios make them anti-correlated with the labels and the weights come out negative)
    const rows = englishSample();
    const train = rows.filter((r) => !isTestRow(r.text, 0.3));
    const test = rows.filter((r) => isTestRow(r.text, 0.3));
    const model = await new SentimentClassifier({ ...STACKED, stackFolds: 5 }).fit(
      train.map((r) => r.text),
      train.map((r) => r.label),
    );
    const weights = model.toJSON().state?.stackWeights ?? [];
    expect(Math.min(...weights)).toBeGreaterThan(0);
    const labels = test.map((r) => r.label);
    const report = binaryClassificationReport(labels, model.predict(test.map((r) => r.text)));
    const majority = Math.max(...[0, 1].map((c) => labels.filter((l) => l === c).length)) / labels.length;
    expect(report.accuracy).toBeGreaterThan(majority + 0.1);
  });

  it('rejects stored state whose member count does not match options.stack', async () => {
    const json = (
      await new SentimentClassifier(STACKED).fit(
        TRAIN.map((r) => r[0]),
        TRAIN.map((r) => r[1]),
      )
    ).toJSON();
    const broken = { ...json, options: { ...json.options, stack: [{ words: [1, 2] }] } };
    expect(() => SentimentClassifier.fromJSON(broken)).toThrow(/member/);
  });
});

describeEstimator('SentimentClassifier (stacked)', {
  create: () => new SentimentClassifier(STACKED),
  data: () => ({ texts: TRAIN.map((r) => r[0]), labels: TRAIN.map((r) => r[1]) }),
  otherData: () => ({ texts: ['good', 'bad', 'great', 'awful', 'nice', 'poor'], labels: [1, 0, 1, 0, 1, 0] }),
  fit: (model, data) => model.fit(data.texts, data.labels),
  predict: (model, data) => Array.from(model.predictProba(data.texts)),
  fromJSON: (json) => SentimentClassifier.fromJSON(json),
  tolerance: 1e-6,
});
