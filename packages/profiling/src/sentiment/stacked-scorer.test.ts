import { describe, expect, it } from 'vitest';
import { englishSample } from './__fixtures__/english-sample';
import { Featurizer } from './featurizer';
import { denseWeights } from './nb-logistic';
import { SentimentClassifier, type SentimentClassifierOptions } from './sentiment-classifier';
import { resolveMembers } from './sentiment-members';
import { decodeWeights } from './sentiment-state';
import { StackedScorer } from './stacked-scorer';
import { resolveTextOptions } from './text-features';

/** The bench's English stack (word 1-3-grams + AFINN; negation-marked in-word char 3-5-grams). */
const ENGLISH_STACK: SentimentClassifierOptions = {
  normalize: 'l2',
  loss: 'squared-hinge',
  C: 1,
  interpolation: 0.5,
  stackFolds: 3,
  stack: [
    { words: [1, 3], lexiconFeatures: true, bits: 18 },
    { words: [0, 0], wordChars: [3, 5], bits: 18 },
  ],
};

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** The per-member path: each member's own `Featurizer` pass, its ids x its dense weights. */
function perMemberProba(model: SentimentClassifier, texts: readonly string[]): number[] {
  const json = model.toJSON();
  const state = json.state;
  if (!state) throw new Error('not fitted');
  const stored = state.members ?? [state];
  const tables = resolveMembers(json.options).map((member, m) => {
    const options = resolveTextOptions(member);
    return {
      featurizer: new Featurizer(options),
      dense: denseWeights(decodeWeights(stored[m]), options.mask + 1),
    };
  });
  return texts.map((text) => {
    let z = state.bias;
    for (const { featurizer, dense } of tables) {
      const ids = featurizer.ids(text);
      let sum = 0;
      for (let k = 0; k < ids.length; k++) sum += dense[ids[k]];
      z += sum * featurizer.scale;
    }
    return sigmoid(z);
  });
}

const EXTRA = [
  "I don't like it, not good at all; never again!",
  'Not bad. NOT BAD at all — didn’t expect that',
  '好吃 but the box was damaged 不好',
  '',
  'aaaa aaaa aaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
];

describe('StackedScorer (one shared pass over all stacked members)', () => {
  it('gives the per-member path’s scores to the bit on the fixture reviews, cached words included', async () => {
    const rows = englishSample();
    const train = rows.slice(0, 400);
    const model = await new SentimentClassifier(ENGLISH_STACK).fit(
      train.map((r) => r.text),
      train.map((r) => r.label),
    );
    const texts = [...rows.map((r) => r.text), ...EXTRA];
    const expected = perMemberProba(model, texts);
    // first call fills the token cache; the second reads repeated words back from it
    expect(Array.from(model.predictProba(texts))).toEqual(expected);
    expect(Array.from(model.predictProba(texts))).toEqual(expected);
    const restored = SentimentClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(restored.predictProba([...texts].reverse()))).toEqual([...expected].reverse());
  });

  it('scores a single model like its Featurizer, and the classifier falls back for different negation scopes', async () => {
    const rows = englishSample().slice(0, 300);
    const texts = rows.map((r) => r.text);
    const labels = rows.map((r) => r.label);
    const all = [...texts, ...EXTRA];
    const single = await new SentimentClassifier({ bits: 16, wordChars: [2, 4], lexiconFeatures: true }).fit(
      texts,
      labels,
    );
    const state = single.toJSON().state;
    if (!state) throw new Error('not fitted');
    const options = resolveTextOptions(resolveMembers(single.options)[0]);
    const scorer = new StackedScorer([
      { options, dense: denseWeights(decodeWeights(state), options.mask + 1) },
    ]);
    const expected = perMemberProba(single, all);
    expect(all.map((text) => sigmoid(scorer.score(text, state.bias)))).toEqual(expected);
    expect(all.map((text) => sigmoid(scorer.score(text, state.bias)))).toEqual(expected);
    const mixed = await new SentimentClassifier({
      ...ENGLISH_STACK,
      stack: [{ words: [1, 2] }, { words: [0, 0], wordChars: [2, 4], negationScope: 1 }],
    }).fit(texts, labels);
    expect(Array.from(mixed.predictProba(all))).toEqual(perMemberProba(mixed, all));
  });

  it('refuses members whose negation scopes differ', () => {
    const a = resolveTextOptions({ negationScope: 3 });
    const b = resolveTextOptions({ negationScope: 2 });
    expect(StackedScorer.canShareTokens([a, a])).toBe(true);
    expect(StackedScorer.canShareTokens([a, b])).toBe(false);
    const dense = new Float32Array(a.mask + 1);
    expect(
      () =>
        new StackedScorer([
          { options: a, dense },
          { options: b, dense },
        ]),
    ).toThrow(/negationScope/);
  });
});
