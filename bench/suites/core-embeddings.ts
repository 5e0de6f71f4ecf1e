import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRng, HashingEmbedder, type HashingEmbedderOptions } from '@shoppilot/core';
import { type BenchContext, type BenchSuite, dataFile, markdownTable } from '../harness';

interface Labelled {
  text: string;
  label: string;
}

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, embedded newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows.filter((r) => r.length > 1);
}

function sample<T>(items: T[], count: number, seed: number): T[] {
  return createRng(seed)
    .shuffle([...items])
    .slice(0, count);
}

/** k-nearest-neighbour accuracy (cosine = dot on L2-normalised vectors, majority vote). */
function knnAccuracy(
  train: Float32Array[],
  trainLabels: string[],
  test: Float32Array[],
  testLabels: string[],
  k = 15,
): number {
  let correct = 0;
  for (let t = 0; t < test.length; t++) {
    const scores = train.map((vector, i) => {
      let dot = 0;
      for (let d = 0; d < vector.length; d++) dot += vector[d] * test[t][d];
      return [dot, i] as const;
    });
    scores.sort((a, b) => b[0] - a[0]);
    const votes = new Map<string, number>();
    for (const [, i] of scores.slice(0, k)) votes.set(trainLabels[i], (votes.get(trainLabels[i]) ?? 0) + 1);
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    if (best === testLabels[t]) correct++;
  }
  return correct / test.length;
}

function majorityAccuracy(trainLabels: string[], testLabels: string[]): number {
  const counts = new Map<string, number>();
  for (const label of trainLabels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const majority = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  return testLabels.filter((label) => label === majority).length / testLabels.length;
}

const configs: [string, HashingEmbedderOptions][] = [
  ['scikit-learn char_wb 1-3 (space kept, counts), 512', { spaceUnigram: 'keep', weighting: 'count' }],
  ['default: 1-3, space dropped, sublinear, 512', {}],
  ['default, 256 dims', { dimensions: 256 }],
  ['default, 2048 dims', { dimensions: 2048 }],
  ['default but 1-2-grams', { maxN: 2 }],
  ['default but 1-grams only', { maxN: 1 }],
];

function evaluate(
  name: string,
  train: Labelled[],
  test: Labelled[],
  context: BenchContext,
): (string | number)[][] {
  const rows: (string | number)[][] = [];
  const trainLabels = train.map((r) => r.label);
  const testLabels = test.map((r) => r.label);
  rows.push([name, 'majority class (baseline)', majorityAccuracy(trainLabels, testLabels)]);
  for (const [label, options] of configs) {
    const embedder = new HashingEmbedder(options);
    const accuracy = knnAccuracy(
      embedder.embedSync(train.map((r) => r.text)),
      trainLabels,
      embedder.embedSync(test.map((r) => r.text)),
      testLabels,
    );
    context.log(`${name} / ${label}: ${accuracy.toFixed(4)}`);
    rows.push([name, `${label} + 15-NN`, accuracy]);
  }
  return rows;
}

export const coreEmbeddingSuites: BenchSuite[] = [
  {
    name: 'core-embeddings',
    description:
      'HashingEmbedder: k-NN accuracy on Chinese review categories/sentiment and English sentiment, and throughput',
    async run(context) {
      const [nTrain, nTest] = context.quick ? [1000, 300] : [4000, 1000];
      const zhRows = parseCsv(
        gunzipSync(readFileSync(dataFile(context, 'reviews/online_shopping_10_cats_train.csv.gz'))).toString(
          'utf8',
        ),
      )
        .slice(1)
        .filter((r) => r[2]?.trim());
      const zh = sample(zhRows, nTrain + nTest, 20240501);
      const zhTrain = zh.slice(0, nTrain);
      const zhTest = zh.slice(nTrain);
      const enRows = ['reviews/uci_amazon.csv', 'reviews/uci_yelp.csv'].flatMap((file) =>
        parseCsv(readFileSync(dataFile(context, file), 'utf8')).slice(1),
      );
      const en = sample(enRows, enRows.length, 7).map((r) => ({ text: r[0], label: r[1] }));
      const enSplit = Math.round(en.length * 0.75);
      const rows = [
        ...evaluate(
          'zh reviews: category (10)',
          zhTrain.map((r) => ({ text: r[2], label: r[0] })),
          zhTest.map((r) => ({ text: r[2], label: r[0] })),
          context,
        ),
        ...evaluate(
          'zh reviews: sentiment',
          zhTrain.map((r) => ({ text: r[2], label: r[1] })),
          zhTest.map((r) => ({ text: r[2], label: r[1] })),
          context,
        ),
        ...evaluate('en UCI amazon+yelp: sentiment', en.slice(0, enSplit), en.slice(enSplit), context),
      ];
      const texts = zh.map((r) => r[2]);
      const chars = texts.reduce((sum, text) => sum + text.length, 0);
      const embedder = new HashingEmbedder();
      embedder.embedSync(texts.slice(0, 200));
      const start = performance.now();
      embedder.embedSync(texts);
      const seconds = (performance.now() - start) / 1000;
      return [
        `Accuracy of a 15-nearest-neighbour vote (cosine) over HashingEmbedder vectors; ${nTrain} train / ${nTest} test Chinese reviews (seeded sample of online_shopping_10_cats_train), UCI amazon+yelp 75/25.`,
        '',
        markdownTable(['task', 'method', 'accuracy'], rows),
        '',
        `Throughput (default 512 dims, one thread): ${Math.round(texts.length / seconds)} texts/s, ${Math.round(chars / seconds)} characters/s (${texts.length} Chinese reviews, mean ${Math.round(chars / texts.length)} characters).`,
      ].join('\n');
    },
  },
];
