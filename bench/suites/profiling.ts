/**
 * `pnpm bench profiling`: feature extraction speed, k-means timing, review sentiment accuracy and
 * speed, and the Transformer purchase predictor against its baselines, on real data.
 */
import { type BehaviorEvent, createRng } from '@shoppilot/core';
import {
  binaryClassificationReport,
  chooseK,
  EventTableBuilder,
  eventTableFromEvents,
  extractUserFeatures,
  isTestRow,
  kmeans,
  LexiconScorer,
  miniBatchKMeans,
  SentimentClassifier,
  type SentimentClassifierOptions,
  VaderScorer,
} from '@shoppilot/profiling';
import { type BenchContext, type BenchSuite, dataFile, markdownTable, partialRun, timeMs } from '../harness';
import { loadTaobao } from './profiling-data';
import { purchaseSection } from './profiling-purchase';
import { type LabelledReview, loadLabelledReviews } from './profiling-reviews';

const EVENT_TYPES = [
  'view',
  'view',
  'view',
  'view',
  'click',
  'add_cart',
  'buy',
  'fav',
  'review_read',
] as const;

async function featureSection(context: BenchContext): Promise<string> {
  const n = context.quick ? 200_000 : 1_000_000;
  const rng = createRng(1);
  const users = Array.from({ length: n / 20 }, (_, i) => `u${i}`);
  const items = Array.from({ length: 50_000 }, (_, i) => `i${i}`);
  const events: BehaviorEvent[] | undefined = Array.from({ length: n }, (_, i) => ({
    userId: users[rng.int(users.length)],
    itemId: items[rng.int(items.length)],
    categoryId: `c${rng.int(300)}`,
    type: EVENT_TYPES[rng.int(EVENT_TYPES.length)],
    timestamp: 1.7e12 + i * 2000,
    price: 5 + rng.int(200),
    context: {
      device: rng.next() < 0.6 ? 'mobile' : 'desktop',
      channel: rng.next() < 0.5 ? 'search' : 'feed',
    },
  }));
  let table = eventTableFromEvents(events.slice(0, 1000));
  const buildMs = await timeMs(
    () => {
      const builder = new EventTableBuilder(n);
      for (const event of events) builder.push(event);
      table = builder.build();
    },
    { repeat: 3 },
  );
  const extractMs = await timeMs(() => extractUserFeatures(table), { repeat: 5 });
  const rows: Array<Array<string | number>> = [
    [
      `generated, ${n.toLocaleString('en')} events, ${users.length.toLocaleString('en')} users`,
      'event objects -> columnar table',
      buildMs,
      (n / buildMs) * 1000,
    ],
    ['', 'all user features from the table (one pass)', extractMs, (n / extractMs) * 1000],
  ];
  if (context.dataDir) {
    const { events: taobao } = await loadTaobao(
      dataFile(context, 'clickstream/taobao_userbehavior_head.csv'),
    );
    const taobaoTable = eventTableFromEvents(taobao);
    const ms = await timeMs(() => extractUserFeatures(taobaoTable), { repeat: 10 });
    rows.push([
      `Taobao head, ${taobao.length.toLocaleString('en')} events`,
      'all user features from the table',
      ms,
      (taobao.length / ms) * 1000,
    ]);
  }
  context.log('features done');
  return `## Feature extraction (target >= 1,000,000 events/s from memory)\n\n${markdownTable(['data', 'step', 'median ms', 'events/s'], rows)}`;
}

function blobs(n: number, d: number, k: number, seed: number) {
  const rng = createRng(seed);
  const data = new Float64Array(n * d);
  const centers = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.normal(0, 3)));
  for (let i = 0; i < n; i++) {
    const c = centers[rng.int(k)];
    for (let j = 0; j < d; j++) data[i * d + j] = c[j] + rng.normal();
  }
  return { rows: n, cols: d, data };
}

async function kmeansSection(context: BenchContext): Promise<string> {
  const x = blobs(100_000, 20, 8, 7);
  const rows: Array<Array<string | number>> = [];
  for (const nInit of [1, 3]) {
    let inertia = 0;
    const ms = await timeMs(
      () => {
        inertia = kmeans(x, { k: 8, nInit, seed: 1 }).inertia;
      },
      { repeat: 3 },
    );
    rows.push([`k-means++ / Lloyd (Hamerly bounds), nInit ${nInit}`, ms, inertia]);
  }
  let miniInertia = 0;
  const miniMs = await timeMs(
    () => {
      miniInertia = miniBatchKMeans(x, { k: 8, seed: 1, nInit: 1 }).inertia;
    },
    { repeat: 3 },
  );
  rows.push(['mini-batch k-means (batch 1024, 100 steps), nInit 1', miniMs, miniInertia]);
  const small = { rows: 20_000, cols: 20, data: x.data.slice(0, 20_000 * 20) };
  const chooseMs = await timeMs(
    () => chooseK(small, { candidates: [4, 6, 8, 10], seed: 1, silhouetteSampleSize: 2000 }),
    { repeat: 1, warmup: 0 },
  );
  const choice = chooseK(small, { candidates: [4, 6, 8, 10], seed: 1, silhouetteSampleSize: 2000 });
  rows.push([
    `chooseK 4/6/8/10 on 20,000 x 20 (picked k = ${choice.k} by silhouette; 8 blobs generated)`,
    chooseMs,
    Number.NaN,
  ]);
  context.log('kmeans done');
  return `## k-means on 100,000 x 20, k = 8 (target < 2 s)\n\n${markdownTable(['method', 'median ms', 'inertia'], rows)}\n\nchooseK scores (20,000 rows):\n\n${markdownTable(
    ['k', 'inertia', 'silhouette', 'Calinski-Harabasz', 'Davies-Bouldin'],
    choice.scores.map((s) => [s.k, s.inertia, s.silhouette, s.calinskiHarabasz, s.daviesBouldin]),
  )}`;
}

/**
 * Classifier options per language, chosen by 5-fold cross-validation inside the training part only
 * (folds by a hash of the text; the held-out 20% is never used for the choice). English: a stack of
 * a word model and a negation-marked in-word character model (CV 0.849 vs 0.840 for the word model
 * alone); `en-word` is the word model alone, the previous best, run beside it for comparison.
 */
const SENTIMENT_OPTIONS: Record<'zh' | 'en' | 'en-word', SentimentClassifierOptions> = {
  zh: {},
  en: {
    normalize: 'l2',
    loss: 'squared-hinge',
    C: 1,
    interpolation: 0.5,
    stack: [
      { words: [1, 3], lexiconFeatures: true, bits: 18 },
      { words: [0, 0], wordChars: [3, 5], bits: 18 },
    ],
  },
  'en-word': {
    words: [1, 3],
    normalize: 'l2',
    lexiconFeatures: true,
    loss: 'squared-hinge',
    C: 1,
    interpolation: 0.5,
  },
};
const SENTIMENT_LABEL: Record<'zh' | 'en' | 'en-word', string> = {
  zh: 'NB-LR char 1-3-grams (defaults, trained)',
  en: 'stack of 2 NBSVMs (word 1-3-grams + AFINN summary; in-word char 3-5-grams, negation-marked; 2^18 hashes each), logistic meta-model on 5-fold out-of-fold margins (l2 rows, C 1, beta 0.5; trained)',
  'en-word': 'NBSVM word 1-3-grams + AFINN summary alone (previous best; C 1, beta 0.5; trained)',
};

/** Median wall and CPU-time rates of 5 prediction runs (the process is single-threaded here). */
function predictionRates(run: () => unknown, n: number): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < 5; k++) {
    const usage = process.cpuUsage();
    const start = performance.now();
    run();
    wall.push(n / ((performance.now() - start) / 1000));
    const used = process.cpuUsage(usage);
    cpu.push(n / ((used.user + used.system) / 1e6));
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];
  return { wall: median(wall), cpu: median(cpu) };
}

/** Trains one configuration on `train` and scores `test` once: accuracy, F1, train time, rates. */
async function trainedRow(
  language: keyof typeof SENTIMENT_OPTIONS,
  train: readonly LabelledReview[],
  test: readonly LabelledReview[],
  name: string,
): Promise<Array<string | number>> {
  const labels = test.map((r) => r.label);
  const texts = test.map((r) => r.text);
  const start = performance.now();
  const usage = process.cpuUsage();
  const model = await new SentimentClassifier(SENTIMENT_OPTIONS[language]).fit(
    train.map((r) => r.text),
    train.map((r) => r.label),
  );
  const trainSeconds = (performance.now() - start) / 1000;
  const trainUsage = process.cpuUsage(usage);
  model.predict(texts.slice(0, 100));
  const speed = predictionRates(() => model.predict(texts), test.length);
  const trained = binaryClassificationReport(labels, model.predict(texts));
  return [
    name,
    SENTIMENT_LABEL[language],
    train.length,
    trained.n,
    trained.accuracy,
    trained.f1,
    trainSeconds,
    (trainUsage.user + trainUsage.system) / 1e6,
    speed.wall,
    speed.cpu,
  ];
}

async function sentimentSection(context: BenchContext): Promise<string> {
  const zh = await loadLabelledReviews(context, 'zh');
  const en = await loadLabelledReviews(context, 'en');
  const rows: Array<Array<string | number>> = [];
  for (const [name, data] of [
    ['Chinese: online_shopping_10_cats_train', zh],
    ['English: uci_amazon + uci_yelp + fine_foods_train', en],
  ] as const) {
    const train = data.filter((r) => !isTestRow(r.text, 0.2));
    const test = data.filter((r) => isTestRow(r.text, 0.2));
    const labels = test.map((r) => r.label);
    const texts = test.map((r) => r.text);
    const languages = name.startsWith('English') ? (['en', 'en-word'] as const) : (['zh'] as const);
    for (const language of languages) {
      rows.push(await trainedRow(language, train, test, languages[0] === language ? name : ''));
    }
    const lexicon = new LexiconScorer();
    let start = performance.now();
    const lexiconReport = binaryClassificationReport(labels, lexicon.predict(texts));
    rows.push([
      '',
      'lexicon with negation/degree (untrained)',
      0,
      lexiconReport.n,
      lexiconReport.accuracy,
      lexiconReport.f1,
      0,
      0,
      test.length / ((performance.now() - start) / 1000),
      Number.NaN,
    ]);
    if (name.startsWith('English')) {
      start = performance.now();
      const vader = binaryClassificationReport(labels, new VaderScorer().predict(texts));
      rows.push([
        '',
        'VADER (vader-sentiment, untrained)',
        0,
        vader.n,
        vader.accuracy,
        vader.f1,
        0,
        0,
        test.length / ((performance.now() - start) / 1000),
        Number.NaN,
      ]);
    }
    context.log(`sentiment ${name} done`);
  }
  return `## Review sentiment (held-out 20% by hash of the text; targets: zh >= 0.92, en >= 0.85, train 40k < 30 s, predict >= 20,000/s)\n\n${markdownTable(
    [
      'data',
      'method',
      'train rows',
      'test rows',
      'accuracy',
      'F1 (positive)',
      'train s (wall)',
      'train CPU-s',
      'predict reviews/s (wall)',
      'predict reviews/CPU-s',
    ],
    rows,
  )}\n\n${SENTIMENT_CHOICE}`;
}

const SENTIMENT_CHOICE =
  'English options chosen by 5-fold cross-validation inside the training part (folds by a hash of the text; the held-out part scored once per configuration shown): ' +
  'word NBSVM alone 0.840; in-word char 2-5-gram NBSVM alone 0.814, 0.829 with negation-marked char n-grams (3-5-grams 0.830); one NBSVM over words + chars together 0.837-0.841; ' +
  'stacked word + negation-marked char 2-5-grams 0.847, 3-5-grams in 2^18 hashes 0.849 (word model in 2^20 or 2^18 hashes: same accuracy, 2^18 kept for speed; meta-model refitted inside each outer fold). ' +
  'Not kept (within noise): a length-bucket bias, per-length feature copies, "!"/capitals counts on the word model (0.830-0.844); ' +
  'the length, a food-only or UCI-only member, or an NB-LR member added to the stack (0.842-0.849, meta-model over one set of out-of-fold margins).';

export const profilingSuites: BenchSuite[] = [
  {
    name: 'profiling',
    description:
      'feature extraction events/s, k-means timing, sentiment accuracy/speed, Transformer purchase predictor vs baselines',
    async run(context) {
      const parts = (process.env.PROFILING_BENCH_PARTS ?? 'features,kmeans,sentiment,purchase').split(',');
      const sections: string[] = [];
      if (parts.includes('features')) sections.push(await featureSection(context));
      if (parts.includes('kmeans')) sections.push(await kmeansSection(context));
      if (parts.includes('sentiment')) sections.push(await sentimentSection(context));
      if (parts.includes('purchase')) sections.push(await purchaseSection(context));
      // A partial run replaces its sections in the page and keeps the others. PROFILING_PURCHASE_DATA
      // limits rows inside the purchase section, so that section is then replaced as a whole.
      return { markdown: sections.join('\n\n'), partial: partialRun('PROFILING_BENCH_PARTS') };
    },
  },
];
