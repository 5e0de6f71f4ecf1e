/** MovieLens 100K under the Microsoft Recommenders protocol (random 75/25 split stratified by user, seed 42, top-10). */
import { loadavg } from 'node:os';
import {
  AlsRecommender,
  BlendRecommender,
  BprRecommender,
  EaseRecommender,
  evaluateRecommender,
  ItemKnnRecommender,
  PopularityRecommender,
  type Recommender,
  type Split,
  stratifiedSplit,
  TimeAvailabilityRecommender,
  WeightedEaseRecommender,
} from '@shoppilot/recsys';
import { type BenchContext, dataFile, markdownTable } from '../harness';
import {
  fitAndEvaluate,
  loadNote,
  METRIC_HEADER,
  type ModelRun,
  metricRow,
  timed,
  tuneBlendWeights,
} from './recsys-common';
import { loadMovieLens } from './recsys-data';

const HOUR = 3_600_000;

export async function movieLensSection(context: BenchContext): Promise<string> {
  const data = loadMovieLens(dataFile(context, 'recsys/ml-100k/u.data'));
  const split = stratifiedSplit(data); // ratio 0.75, seed 42, NumPy MT19937: python_stratified_split
  const before = loadavg()[0];
  const epochs = context.quick ? 20 : 100;
  const models: Array<[string, () => Recommender]> = [
    ['popularity (global)', () => new PopularityRecommender()],
    ['popularity (recent, 7-day half-life)', () => new PopularityRecommender({ mode: 'recent' })],
    ['item-kNN (cosine, 200 neighbours)', () => new ItemKnnRecommender({ neighbours: 200 })],
    [
      'item-kNN (co-visitation: 10 positions, 1 h half-life)',
      () =>
        new ItemKnnRecommender({
          similarity: 'covisitation',
          window: 10,
          pairHalfLife: HOUR,
          neighbours: 200,
        }),
    ],
    ['EASE (λ = 500)', () => new EaseRecommender({ lambda: 500 })],
    [
      'EASE + session co-occurrence (β = 1, 60 s gap)',
      () => new EaseRecommender({ lambda: 500, sessionWeight: 1, sessionGap: 60_000 }),
    ],
    [
      `BPR (64 factors, ${epochs} epochs)`,
      () => new BprRecommender({ factors: 64, epochs, learningRate: 0.01, regularization: 0.01, seed: 42 }),
    ],
    [
      'ALS (64 factors, λ 30, α 3)',
      () => new AlsRecommender({ factors: 64, regularization: 30, alpha: 3, seed: 42 }),
    ],
    [
      'ALS, rating confidence (c = 1 + 0.6·rating)',
      () => new AlsRecommender({ factors: 64, regularization: 30, alpha: 0.6, useWeights: true, seed: 42 }),
    ],
    ['EDLAE (λ = 300, dropout p = 0.5)', () => new WeightedEaseRecommender({ lambda: 300, dropout: 0.5 })],
    [
      'EASE, rating confidence (c = 1 + 0.2·rating, λ = 1300)',
      () => new WeightedEaseRecommender({ lambda: 1300, ratingWeight: 0.2 }),
    ],
    [
      'EASE, rating confidence + time-local co-occurrence (β = 2, 3 min scale, λ = 2000)',
      () =>
        new WeightedEaseRecommender({ lambda: 2000, ratingWeight: 0.2, timeWeight: 2, timeScale: 180_000 }),
    ],
    ['time availability prior (a blend component)', () => new TimeAvailabilityRecommender()],
  ];
  context.log(`MovieLens 100K: ${split.train.users.length} train / ${split.test.users.length} test ratings`);
  const runs: ModelRun[] = [];
  const fitted = new Map<string, Recommender>();
  for (const [name, create] of models) {
    const model = create();
    runs.push(await fitAndEvaluate(name, model, split, { log: context.log }));
    fitted.set(name, model);
  }
  // EASE + sessions first (weight 1); then ALS on ratings, co-visitation (time adjacency) and plain ALS.
  const blend = await tunedBlend(
    'blend (weights tuned on validation)',
    [models[5][0], models[8][0], models[3][0], models[7][0]],
    { models, fitted, runs, split, log: context.log },
  );
  // The time-aware EASE first; the availability prior and EASE + sessions added to the same four.
  const timeBlend = await tunedBlend(
    'blend + time components (weights tuned on validation)',
    [models[11][0], models[8][0], models[3][0], models[7][0], models[12][0], models[5][0]],
    { models, fitted, runs, split, log: context.log },
  );
  runs.push(blend.run, timeBlend.run);
  const best = runs.reduce((a, b) => (b.result.metrics.ndcg > a.result.metrics.ndcg ? b : a));
  const ease = runs[4].result.metrics.ndcg;

  return [
    '## MovieLens 100K — Microsoft Recommenders protocol',
    '',
    `Protocol: ${split.protocol.description}; all 100,000 ratings as implicit feedback; every item ranked for each of the ${runs[0].result.users} test users with their training items removed; metrics as Microsoft Recommenders' python_evaluation (binary relevance, IDCG over min(k, test items), precision over k, MAP@k over min(test items, k)). The split reproduces NumPy's \`np.random.seed(42); np.random.rand(n)\` row by row (${split.train.users.length} train / ${split.test.users.length} test).`,
    '',
    markdownTable(METRIC_HEADER, runs.map(metricRow)),
    '',
    `The blend is ${blend.description}. The blend + time components is ${timeBlend.description}. Both fit times are the sums of their components' fits plus the tuning.`,
    '',
    TIME_NOTE,
    '',
    'Published nDCG@10 of the Microsoft Recommenders benchmark on this protocol: BPR 0.442, SAR 0.383, NCF 0.396, LightGCN 0.420, BiVAE 0.475 (the best in their table).',
    '',
    `Targets: a correct EASE is about 0.48 → measured ${ease.toFixed(4)} (${ease >= 0.475 ? 'met' : 'NOT met'}); best model >= 0.50 → ${best.name} ${best.result.metrics.ndcg.toFixed(4)} (${best.result.metrics.ndcg >= 0.5 ? 'met' : 'NOT met'}).`,
    '',
    loadNote(before),
  ].join('\n');
}

const TIME_NOTE = [
  'How the new rows were chosen: every grid below was scored on the validation split of train only (a 75/25 stratified split of the 75% train, seed 7, with a scratch script over the same estimators); only the configurations that appear in the table touched the test split, once each, in this run.',
  'EDLAE p ∈ {0.1, 0.2, 0.33, 0.5} × λ ∈ {100, 300} (validation nDCG@10 0.2672 at p 0.5, λ 300, the same as plain EASE at its best λ 700: no gain);',
  'EASE with rating confidence a ∈ {0.2, 0.6} × λ (best a 0.2, λ 1300, with the user row weighted too: 0.2694 vs 0.2661 for EASE λ 500);',
  'time-local co-occurrence scale ∈ {20 s, 1 min, 3 min, 5 min, 15 min, 1 h, 1 day} × β ∈ {1, 2, 3, 4} × λ (best 3 min, β 2, λ ≈ 2000: 0.2790).',
  "Why time helps on this protocol: the random split leaves every user's test ratings inside the same rating sessions as their training ratings, and MovieLens users rate in bursts, so items rated close in time by other users (and items that existed at the user's rating times) are likelier test items.",
  "The time components use training timestamps only (the protocol's own property); on a time split or leave-last-out we expect most of this gain to vanish (not measured here). The margin over 0.50 (0.0015) is small: treat it as reaching the target on this one split, not as a robust lead.",
  "Also measured on validation and left out: RP3beta (α 0.8, β 0.5, 200 neighbours: 0.2632 alone) and a time-kernel popularity (items popular within ±10 days of the user's ratings: 0.1734 alone) both got weight 0 in the validation blend, so neither became an estimator; EDLAE on top of the time-local Gram lowered validation nDCG (0.2756 at p 0.25, λ 1000).",
  "The blend components and weights come from coordinate ascent on validation nDCG@10 (grid 0–3, three rounds, first weight fixed at 1); the availability prior enters z-scored, so its weight 3 acts as a soft gate that sinks items first rated after most of the user's activity.",
].join(' ');

interface BlendContext {
  models: Array<[string, () => Recommender]>;
  fitted: Map<string, Recommender>;
  runs: ModelRun[];
  split: Split;
  log: (line: string) => void;
}

/** Tunes blend weights on validation, then evaluates the blend of the already fitted components on test. */
async function tunedBlend(name: string, blendNames: string[], c: BlendContext) {
  const tuning = await timed(() =>
    tuneBlendWeights(
      c.split,
      blendNames.map((n) => c.models.find((m) => m[0] === n)?.[1] as () => Recommender),
      c.log,
    ),
  );
  const blend = BlendRecommender.fromFitted(
    c.split.train,
    blendNames.map((n) => c.fitted.get(n) as Recommender),
    tuning.value.weights,
  );
  const parts = c.runs.filter((r) => blendNames.includes(r.name));
  const run: ModelRun = {
    name,
    result: await evaluateRecommender(blend, c.split, { k: 10 }),
    fit: {
      value: null,
      wallSeconds: tuning.wallSeconds + parts.reduce((s, r) => s + r.fit.wallSeconds, 0),
      cpuSeconds: tuning.cpuSeconds + parts.reduce((s, r) => s + r.fit.cpuSeconds, 0),
    },
  };
  c.log(`  ${name}: nDCG@10 ${run.result.metrics.ndcg.toFixed(4)}`);
  const description = `${blendNames.join(' + ')}, weights [${tuning.value.weights.join(', ')}] tuned on a validation split of train (validation nDCG@10 ${tuning.value.validationNdcg.toFixed(4)}; the test split is never used for tuning)`;
  return { run, description };
}
