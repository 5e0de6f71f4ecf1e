import { createRng } from '@shoppilot/core';
import {
  buildPurchaseSamples,
  buildVocabulary,
  chooseLogisticC,
  type EventTable,
  eventTableFromEvents,
  logisticBaseline,
  logLoss,
  mostFrequentCategory,
  ndcgAtK,
  PurchasePredictor,
  type PurchasePredictorOptions,
  recallAtK,
  rocAuc,
  type SampleOptions,
} from '@shoppilot/profiling';
import { type BenchContext, dataFile, markdownTable } from '../harness';
import { loadOnlineRetail, loadTaobao, TAOBAO_START } from './profiling-data';

const DAY = 86_400_000;

interface Experiment {
  name: string;
  table: EventTable;
  trainCutoffs: number[];
  validationCutoffs: number[];
  testCutoffs: number[];
  samples: SampleOptions;
  model: PurchasePredictorOptions;
}

interface ExperimentResult {
  rows: Array<Array<string | number>>;
  note: string;
}

async function runExperiment(experiment: Experiment, context: BenchContext): Promise<ExperimentResult> {
  const vocabulary = buildVocabulary(experiment.table, experiment.trainCutoffs.at(-1) as number);
  const build = (cutoffs: number[]) =>
    buildPurchaseSamples(experiment.table, cutoffs, vocabulary, experiment.samples);
  const train = build(experiment.trainCutoffs);
  const validation = build(experiment.validationCutoffs);
  const test = build(experiment.testCutoffs);
  const started = performance.now();
  const model = await new PurchasePredictor(experiment.model).fit(
    { vocabulary, train, validation },
    {
      onProgress: (event) =>
        context.log(`${experiment.name} epoch ${event.completed}: ${JSON.stringify(event.metrics)}`),
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const prediction = await model.predict(test);
  const state = model.toJSON().state;
  const report = state?.members[0]?.report;
  const members = state?.members.length ?? 0;
  model.dispose();
  // the baseline's C is chosen on the validation window too (best AUC), so both models get tuned
  const chosen = chooseLogisticC(train, validation);
  const logistic = logisticBaseline(train, test, chosen.C);
  const buyers = Array.from({ length: test.n }, (_, r) => r).filter((r) => test.nextCategory[r] >= 1);
  const targets = buyers.map((r) => test.nextCategory[r]);
  const frequent = mostFrequentCategory(train, test);
  const ranked = (rankings: number[][]) => buyers.map((r) => rankings[r]);
  const positives = (s: { buy: Uint8Array }) => s.buy.reduce((a, b) => a + b, 0);
  const gap = pairedAucDifference(test.buy, prediction.buyProbability, logistic);
  const rows: Array<Array<string | number>> = [
    [
      experiment.name,
      'Transformer (2 heads)',
      rocAuc(test.buy, prediction.buyProbability),
      logLoss(test.buy, prediction.buyProbability),
      recallAtK(ranked(prediction.categoryRanking), targets, 5),
      ndcgAtK(ranked(prediction.categoryRanking), targets, 5),
    ],
    [
      '',
      'logistic regression on RFM/funnel features',
      rocAuc(test.buy, logistic),
      logLoss(test.buy, logistic),
      Number.NaN,
      Number.NaN,
    ],
    [
      '',
      'most frequent category',
      Number.NaN,
      Number.NaN,
      recallAtK(ranked(frequent), targets, 5),
      ndcgAtK(ranked(frequent), targets, 5),
    ],
  ];
  const note = `${experiment.name}: train ${train.n} rows (${positives(train)} buyers), validation ${validation.n} (${positives(validation)}), test ${test.n} (${positives(test)}; ${buyers.length} with a category); ${vocabulary.categories.length} categories + other; Transformer trained ${state?.members.map((m) => `${m.report.epochs} epochs (best ${m.report.bestEpoch}; validation AUC ${m.report.history.map((h) => `${h.epoch}: ${h.valAuc.toFixed(4)}`).join(', ')})`).join(', ')} in ${seconds.toFixed(0)} s, positive weight ${report?.positiveWeight.toFixed(2)}, negative share per epoch ${report?.negativeRate}; wide paths started from logistic regression on the aggregates + age/size bucket shares${experiment.samples.activityWeeks ? ` + ${experiment.samples.activityWeeks}-week purchase-rhythm features` : ''} with C ${state?.wideStart?.C} (chosen on validation AUC); category history blend weight ${state?.categoryBlend.weight} and logistic C ${chosen.C} (validation AUC ${chosen.auc.map((a) => `${a.C}: ${a.auc.toFixed(4)}`).join(', ')}) chosen on validation; ${members} network(s), buy logits averaged. Test AUC difference Transformer - logistic ${gap.difference.toFixed(4)}, paired bootstrap 95% interval [${gap.low.toFixed(4)}, ${gap.high.toFixed(4)}] (${BOOTSTRAP} resamples of the ${test.n} test rows).`;
  return { rows, note };
}

const BOOTSTRAP = 1000;

/** AUC(a) - AUC(b) on the same rows and its paired bootstrap 95% percentile interval (seeded). */
function pairedAucDifference(
  labels: Uint8Array,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): { difference: number; low: number; high: number } {
  const rng = createRng(7);
  const n = labels.length;
  const draws: number[] = [];
  for (let k = 0; k < BOOTSTRAP; k++) {
    const rows = Array.from({ length: n }, () => rng.int(n));
    const y = rows.map((r) => labels[r]);
    const resampled = (scores: ArrayLike<number>) =>
      rocAuc(
        y,
        Float64Array.from(rows, (r) => scores[r]),
      );
    draws.push(resampled(a) - resampled(b));
  }
  draws.sort((x, y) => x - y);
  const at = (q: number) => draws[Math.min(BOOTSTRAP - 1, Math.floor(q * BOOTSTRAP))];
  return { difference: rocAuc(labels, a) - rocAuc(labels, b), low: at(0.025), high: at(0.975) };
}

function dayCutoffs(start: number, from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let d = from; d <= to + 1e-9; d += step) out.push(start + d * DAY);
  return out;
}

async function taobaoExperiment(context: BenchContext): Promise<Experiment> {
  const { events } = await loadTaobao(dataFile(context, 'clickstream/taobao_userbehavior_head.csv'));
  return {
    name: 'Taobao (2-day window)',
    table: eventTableFromEvents(events),
    // label windows of training end by day 5, validation by day 7; test cutoff at day 7 (Dec 2)
    trainCutoffs: dayCutoffs(TAOBAO_START, 1, 3, 0.5),
    validationCutoffs: [TAOBAO_START + 5 * DAY],
    testCutoffs: [TAOBAO_START + 7 * DAY],
    samples: { maxLength: 20, horizonMs: 2 * DAY, utcOffsetMinutes: 480 },
    // chosen on the validation window only (scratch runs, seeds 1-5, max 10 epochs, patience 3):
    // best epoch by validation AUC 0.628 +- 0.012 vs by validation loss 0.625 +- 0.011 (split-half,
    // epoch picked on one half of the users and scored on the other: 0.626 vs 0.624); merged
    // same-time steps no better (0.3% of Taobao events share user, type and second); a 3-seed
    // ensemble 0.636 (three seed triples: 0.636, 0.635, 0.636) vs one network 0.628 on average
    model: {
      seed: 1,
      dim: 32,
      blocks: 1,
      epochs: context.quick ? 2 : 10,
      patience: 3,
      earlyStopping: 'auc',
      ensembleSize: context.quick ? 1 : 3,
    },
  };
}

async function retailExperiment(context: BenchContext): Promise<Experiment> {
  const { events } = await loadOnlineRetail(dataFile(context, 'transactions/online_retail.csv.gz'));
  const start = Date.UTC(2011, 0, 3);
  return {
    name: 'Online Retail (7-day window)',
    table: eventTableFromEvents(events),
    // weekly cutoffs Jan 3 - Aug 22 (train; labels end by Aug 29), Sep 5 - 26 (validation; labels end
    // by Oct 3), every 2 weeks Oct 3 - Nov 28 (test; labels end by Dec 5)
    trainCutoffs: dayCutoffs(start, 0, 231, context.quick ? 28 : 7),
    validationCutoffs: dayCutoffs(start, 245, 266, 7),
    testCutoffs: dayCutoffs(start, 273, 329, 14),
    // invoice lines merged into one step and the best epoch by validation AUC: chosen on the
    // validation window (AUC 0.718 vs 0.706 with lines as steps and loss-based stopping); weekly
    // training cutoffs, 2 age buckets per doubling, a quarter of the no-buy rows per epoch and the
    // logistic start of the wide paths: chosen on the Sep 19/26 windows with Sep 5/12 for stopping;
    // then the purchase-rhythm features (12 weekly buy indicators, gaps, recency over the own gap, …)
    // in the wide start and a 32-unit MLP path: Sep 19/26 AUC 0.7364 vs 0.7241 without them; the
    // start stays best there, so the category head starts at the training prior (Sep 19/26 Recall@5
    // 0.5949 vs 0.5694 from a random start; Sep 5/12 blend choice 0.5482 vs 0.5279)
    samples: {
      maxLength: 20,
      horizonMs: 7 * DAY,
      activeWithinMs: 90 * DAY,
      mergeSameTime: true,
      timeResolution: 2,
      activityWeeks: 12,
    },
    model: {
      seed: 1,
      dim: 32,
      blocks: 1,
      mlpUnits: 32,
      categoryStart: 'prior',
      epochs: context.quick ? 2 : 6,
      patience: 2,
      earlyStopping: 'auc',
      negativeRate: 0.25,
    },
  };
}

export async function purchaseSection(context: BenchContext): Promise<string> {
  const rows: Array<Array<string | number>> = [];
  const notes: string[] = [];
  // PROFILING_PURCHASE_DATA=taobao (or retail) re-runs one data set only; default both
  const wanted = (process.env.PROFILING_PURCHASE_DATA ?? 'taobao,retail').split(',');
  const experiments = { taobao: taobaoExperiment, retail: retailExperiment };
  for (const [key, make] of Object.entries(experiments)) {
    if (!wanted.includes(key)) continue;
    const result = await runExperiment(await make(context), context);
    rows.push(...result.rows);
    notes.push(`- ${result.note}`);
  }
  return `## Purchase prediction, time-based split (target: Transformer AUC >= logistic + 0.02 on Online Retail, not worse on Taobao)\n\n${markdownTable(
    ['data', 'model', 'AUC (buy)', 'log loss (buy)', 'Recall@5 (category)', 'NDCG@5 (category)'],
    rows,
  )}\n\n${notes.join('\n')}\n- Online Retail category = product group from the description (last word that is not a colour, size, pattern or theme word, singular), top 100 by purchases + other; customers without CustomerID dropped; only customers with a purchase or refund in the 90 days before a cutoff; sequences are the last 20 steps, the lines of an invoice merged into one step (its main category and a size bucket), ages in half-octave buckets; training cutoffs weekly Jan 3 - Aug 22 (both models train on the same rows), validation weekly Sep 5 - 26, test every 2 weeks Oct 3 - Nov 28 (T = Oct 3; every label window of training and validation ends by T).\n- Taobao: the 9-day head has too little future for 7 days, so the window is 2 days; cutoffs every 12 h on days 1-3 (train), day 5 (validation), day 7 (test); sequences are the last 20 events.\n- Transformer: wide & deep buy head = deep logit (attention path) + linear logit of the standardised aggregate features (the logistic baseline's inputs) + linear logit of the shares of the sequence slots per age bucket and per size bucket; Online Retail only: the aggregate input and its wide path also take purchase-rhythm features of the whole buy history before the cutoff (\`activityRow\`: a buy in each of the last 12 weeks, purchase days in 1-26 weeks, recency, median / last gap and gap CV of the purchase days, recency over the median gap, days until due and due within the horizon, refunds in 90 days, spend in 4 / 26 weeks; the logistic baseline keeps the RFM/funnel features only), and a deep MLP path (32 ReLU units over context + aggregates, output weights starting at zero) adds to the buy logit, and the category head starts at the training prior (zero kernel, log smoothed frequencies as bias); the wide paths start from a logistic fit on the training rows (C chosen on validation, like the baseline's), the deep logit from zero, and the start counts as epoch 0 of early stopping. 1 block, width 32, 2 heads, batch 256, Adam 0.002, best epoch by validation AUC (Taobao: mean buy logit of 3 networks, seeds 1-3, each with its own early stopping), tfjs wasm backend on a shared 2-core machine (which is why it is this small). Category ranking: softmax blended with the user's own category frequencies (weight chosen on validation).`;
}
