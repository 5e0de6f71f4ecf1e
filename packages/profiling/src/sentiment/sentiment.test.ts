import type { GenerateRequest, GenerateResult, LanguageModel } from '@shoppilot/core';
import { describeEstimator } from '@shoppilot/core/testing';
import { describe, expect, it } from 'vitest';
import { englishSample } from './__fixtures__/english-sample';
import { aspectHints } from './aspects';
import { binaryClassificationReport, isTestRow } from './classification-metrics';
import { LexiconScorer } from './lexicon-scorer';
import { classifySentimentWithLlm } from './llm-sentiment';
import { logCountRatios } from './nb-logistic';
import { fitNbSvm } from './nb-svm';
import { SentimentClassifier } from './sentiment-classifier';
import { detectLanguage, featurize, resolveTextOptions, textFeatureIds } from './text-features';
import { VaderScorer } from './vader-scorer';

// Hand-written Chinese review sentences (this project's own), 1 positive / 0 negative.
const ZH_TRAIN: Array<[string, number]> = [
  ['质量很好，非常满意', 1],
  ['物流很快，包装完好', 1],
  ['性价比高，值得购买', 1],
  ['客服态度热情，推荐', 1],
  ['很喜欢，下次还会买', 1],
  ['东西不错，好评', 1],
  ['质量太差了，很失望', 0],
  ['物流太慢，包装破损', 0],
  ['价格贵，不值这个钱', 0],
  ['客服态度差，不推荐', 0],
  ['用了两天就坏了，差评', 0],
  ['假货，退货了', 0],
];
const ZH_TEST: Array<[string, number]> = [
  ['包装完好，很满意', 1],
  ['值得推荐，好评', 1],
  ['太失望了，差评', 0],
  ['坏了，不推荐', 0],
];

describe('text features', () => {
  it('detects the language from the share of CJK and Latin letters', () => {
    expect(detectLanguage('质量很好')).toBe('zh');
    expect(detectLanguage('Great value')).toBe('en');
    expect(detectLanguage('质量 good 很好 value')).toBe('mixed');
    expect(detectLanguage('123 !!')).toBe('unknown');
  });

  it('makes CJK 1-3-grams and word 1-2-grams (count for distinct n-grams)', () => {
    const options = resolveTextOptions({ bits: 24 });
    // 3 distinct chars: 3 unigrams + 2 bigrams + 1 trigram
    expect(textFeatureIds('很好用', options).length).toBe(6);
    // 3 words: 3 unigrams + 2 bigrams, same with different case / full-width letters
    expect(textFeatureIds('Good value here', options)).toEqual(
      textFeatureIds('ｇｏｏｄ VALUE here', options),
    );
    expect(textFeatureIds('good value here', options).length).toBe(5);
    // negation marks the following words: "not good" shares no unigram id for "good" with "good"
    const good = new Set(textFeatureIds('good', options));
    expect(textFeatureIds('not good', options).some((id) => good.has(id))).toBe(false);
  });
});

describe('NB log-count ratios (closed form)', () => {
  it('r = log((p / |p|1) / (q / |q|1)) with Laplace smoothing', () => {
    // 3 features; docs: pos {0, 1}, pos {0}, neg {2}
    const x = { rows: 3, offsets: Int32Array.from([0, 2, 3, 4]), indices: Int32Array.from([0, 1, 0, 2]) };
    const r = logCountRatios(x, [1, 1, 0], 3, 1);
    // p = [3, 2, 1] / 6, q = [1, 1, 2] / 4
    const expected = [Math.log(3 / 6 / (1 / 4)), Math.log(2 / 6 / (1 / 4)), Math.log(1 / 6 / (2 / 4))];
    for (let j = 0; j < 3; j++) expect(r[j]).toBeCloseTo(expected[j], 12);
  });
});

describe('SentimentClassifier', () => {
  it('learns Chinese sentiment from character n-grams', async () => {
    const model = await new SentimentClassifier({ epochs: 20, seed: 1 }).fit(
      ZH_TRAIN.map((r) => r[0]),
      ZH_TRAIN.map((r) => r[1]),
    );
    expect(model.predict(ZH_TEST.map((r) => r[0]))).toEqual(ZH_TEST.map((r) => r[1]));
  });

  it('beats the untrained lexicon on held-out English reviews (hash split, no test row trained on)', async () => {
    const rows = englishSample();
    const train = rows.filter((r) => !isTestRow(r.text, 0.3));
    const test = rows.filter((r) => isTestRow(r.text, 0.3));
    expect(train.some((r) => test.some((t) => t.text === r.text))).toBe(false);
    const model = await new SentimentClassifier({ seed: 1 }).fit(
      train.map((r) => r.text),
      train.map((r) => r.label),
    );
    const labels = test.map((r) => r.label);
    const trained = binaryClassificationReport(labels, model.predict(test.map((r) => r.text)));
    const lexicon = binaryClassificationReport(labels, new LexiconScorer().predict(test.map((r) => r.text)));
    const majority = Math.max(...[0, 1].map((c) => labels.filter((l) => l === c).length)) / labels.length;
    expect(trained.n).toBe(test.length);
    expect(trained.accuracy).toBeGreaterThan(majority + 0.1);
    expect(trained.accuracy).toBeGreaterThan(lexicon.accuracy);
    expect(lexicon.accuracy).toBeGreaterThan(majority);
  });

  it('rejects labels other than 0/1 naming the row', async () => {
    await expect(new SentimentClassifier().fit(['a', 'b'], [1, 2])).rejects.toThrow(/row 2.*label/);
  });
});

describeEstimator('SentimentClassifier', {
  create: () => new SentimentClassifier({ bits: 16, seed: 3 }),
  data: () => ({ texts: ZH_TRAIN.map((r) => r[0]), labels: ZH_TRAIN.map((r) => r[1]) }),
  otherData: () => ({ texts: ['good', 'bad', 'great', 'awful'], labels: [1, 0, 1, 0] }),
  fit: (model, data) => model.fit(data.texts, data.labels),
  predict: (model, data) => Array.from(model.predictProba(data.texts)),
  fromJSON: (json) => SentimentClassifier.fromJSON(json),
  tolerance: 1e-6,
});

describe('classification metrics', () => {
  it('computes accuracy, precision, recall and F1', () => {
    const report = binaryClassificationReport([1, 1, 0, 0, 1], [1, 0, 0, 1, 1]);
    expect(report.confusion).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
    expect(report.accuracy).toBeCloseTo(3 / 5, 12);
    expect(report.f1).toBeCloseTo(2 / 3, 12);
  });

  it('splits by hash deterministically at about the requested fraction', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `review ${i}`);
    const share = keys.filter((k) => isTestRow(k, 0.2)).length / keys.length;
    expect(Math.abs(share - 0.2)).toBeLessThan(0.015);
    expect(keys.map((k) => isTestRow(k, 0.2))).toEqual(keys.map((k) => isTestRow(k, 0.2)));
  });
});

describe('lexicon scorer', () => {
  const scorer = new LexiconScorer();
  it('sums AFINN valences with negation and degree words', () => {
    // good = 3 (AFINN), negated -> -3; very (1.5) x bad (-3) -> -4.5
    expect(scorer.score('The food was not good at all, very bad').score).toBeCloseTo(-7.5, 12);
    expect(scorer.score("This isn't great").score).toBe(-3);
    expect(scorer.score('I love it!').label).toBe(1);
  });

  it('segments Chinese against its lexicon, with negation and degree words', () => {
    // 很好 (3) ; 太 (1.6) x 慢 (-1)
    expect(scorer.score('质量很好，物流太慢了').score).toBeCloseTo(3 - 1.6, 12);
    // 不 negates 满意 (2)
    expect(scorer.score('不满意').score).toBe(-3);
    expect(scorer.score('我不是很满意').score).toBeCloseTo(-2 * 1.5, 12);
  });

  it('VADER gives the published direction on its classic examples', () => {
    const vader = new VaderScorer();
    expect(vader.compound('VADER is smart, handsome, and funny.')).toBeCloseTo(0.8316, 4);
    expect(vader.predict(['The book was kind of good.', 'A really bad, horrible book.'])).toEqual([1, 0]);
  });
});

describe('aspect hints', () => {
  it('finds aspects per clause with the clause polarity', () => {
    const hints = aspectHints('质量很好，物流太慢了。Great price but the shipping was awful');
    expect(hints.map((h) => [h.aspect, h.keyword, h.polarity])).toEqual([
      ['quality', '质量', 1],
      ['logistics', '物流', -1],
      ['price', 'price', 1],
      ['logistics', 'shipping', -1],
    ]);
  });
});

describe('LLM sentiment classifier', () => {
  it('asks for JSON with a schema, retries an invalid answer, and maps the label', async () => {
    const requests: GenerateRequest[] = [];
    const answers = [
      '{"label": "great"}',
      '{"label":"negative","confidence":0.9,"aspects":[{"aspect":"logistics","polarity":"negative"}]}',
    ];
    const model: LanguageModel = {
      provider: 'test',
      modelId: 'scripted',
      async doGenerate(request): Promise<GenerateResult> {
        requests.push(request);
        return {
          text: answers[requests.length - 1],
          finishReason: 'stop',
          usage: {},
          model: { provider: 'test', modelId: 'scripted' },
          warnings: [],
        };
      },
    };
    const result = await classifySentimentWithLlm(model, '物流太慢了');
    expect(requests.length).toBe(2);
    expect(requests[0].responseFormat?.type).toBe('json');
    expect(JSON.stringify(requests[0].responseFormat)).toContain('confidence');
    expect(result).toMatchObject({ label: 'negative', value: 0, confidence: 0.9, degraded: false });
    expect(result.aspects).toEqual([{ aspect: 'logistics', polarity: 'negative' }]);
  });
});

describe('featurize', () => {
  it('builds CSR rows whose widths match the per-text ids', () => {
    const options = resolveTextOptions({ bits: 18 });
    const texts = ['很好用', 'good value', ''];
    const x = featurize(texts, options);
    expect(Array.from(x.offsets)).toEqual([0, 6, 9, 9]);
  });

  it("scales each row to unit L2 length with normalize: 'l2' (binary: 1 / sqrt(width))", () => {
    const x = featurize(['很好用', 'good value'], resolveTextOptions({ bits: 18, normalize: 'l2' }));
    expect(Array.from(x.values ?? [], (v) => Number(v.toFixed(6)))).toEqual([
      ...Array(6).fill(Number((1 / Math.sqrt(6)).toFixed(6))),
      ...Array(3).fill(Number((1 / Math.sqrt(3)).toFixed(6))),
    ]);
  });

  it('adds three AFINN summary ids (valence bucket, positive and negative counts), negation-aware', () => {
    const plain = resolveTextOptions({ bits: 24 });
    const lexicon = resolveTextOptions({ bits: 24, lexiconFeatures: true });
    const extra = (text: string) => {
      const base = new Set(textFeatureIds(text, plain));
      return Array.from(textFeatureIds(text, lexicon)).filter((id) => !base.has(id));
    };
    expect(extra('good').length).toBe(3);
    expect(extra('table').length).toBe(0); // not in AFINN
    // "not good" flips the valence (+3 -> -3) and the counts (1 positive -> 1 negative)
    expect(extra('not good').some((id) => extra('good').includes(id))).toBe(false);
    expect(extra('not good')).toEqual(extra('not nice')); // nice = 3 as well
  });
});

describe('NBSVM (squared hinge, dual coordinate descent)', () => {
  it('reaches the primal optimum: w = 2C sum y_i xi_i z_i, b = 2C sum y_i xi_i', async () => {
    // z = r * x with NB ratios r; P(w, b) = (|w|^2 + b^2) / 2 + C sum max(0, 1 - y (w.z + b))^2
    const docs = [[0, 1], [0, 2], [1, 3], [2, 3], [3], [0, 1]];
    const labels = [1, 1, 0, 0, 0, 1];
    const offsets = Int32Array.from([0, ...docs.map((_, i) => docs.slice(0, i + 1).flat().length)]);
    const x = { rows: docs.length, offsets, indices: Int32Array.from(docs.flat()) };
    const C = 0.7;
    const fit = await fitNbSvm(x, labels, 4, { C, interpolation: 1, tol: 1e-10, maxIter: 10_000 });
    const r = logCountRatios(x, labels, 4, 1);
    const folded = new Float64Array(4);
    fit.indices.forEach((j, k) => {
      folded[j] = fit.weights[k];
    });
    const w = Array.from(folded, (v, j) => v / r[j]); // folded weight = w_j r_j
    const gradient = [...w, fit.bias];
    docs.forEach((doc, i) => {
      const y = labels[i] === 1 ? 1 : -1;
      const margin = fit.bias + doc.reduce((sum, j) => sum + folded[j], 0);
      const xi = Math.max(0, 1 - y * margin);
      for (const j of doc) gradient[j] -= 2 * C * y * xi * r[j];
      gradient[4] -= 2 * C * y * xi;
    });
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-6);
  });
});
