import type { LongRunningOptions } from '@shoppilot/core';
import {
  buildPurchaseSamples,
  buildVocabulary,
  type EventTable,
  logisticBaseline,
  logLoss,
  PurchasePredictor,
  rocAuc,
} from '@shoppilot/profiling';

const DAY = 86_400_000;

export interface PurchaseResult {
  horizonDays: number;
  trainRows: number;
  trainBuyRate: number;
  testRows: number;
  testBuyRate: number;
  testCutoffs: string[];
  transformer: { auc: number; logLoss: number; epochs: number; bestEpoch: number };
  logistic: { auc: number; logLoss: number };
  asOf: string;
  scored: number;
  /** Customers most likely to buy in the 7 days after the data ends. */
  top: Array<{ userId: string; probability: number; categories: string[] }>;
  /** Scores in 10 bins of probability (for the distribution chart). */
  histogram: { edges: number[]; counts: number[] };
}

function weekly(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t <= to; t += 7 * DAY) out.push(t);
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The Transformer purchase predictor on a time split: weekly cutoffs for training, a later
 * validation window for early stopping, the last complete weeks for testing (beside the logistic
 * baseline on the same features), then scores as of the end of the data.
 */
export async function purchasePredictions(
  table: EventTable,
  end: number,
  seed: number,
  run: LongRunningOptions,
): Promise<PurchaseResult> {
  const lastTest = end - 7 * DAY;
  const testCutoffs = [lastTest - 7 * DAY, lastTest];
  const validationCutoffs = [lastTest - 21 * DAY];
  const trainCutoffs = weekly(lastTest - 28 * DAY - 12 * 7 * DAY, lastTest - 28 * DAY).filter(
    (_, i) => i % 3 === 0,
  );
  const vocabulary = buildVocabulary(table, trainCutoffs[trainCutoffs.length - 1] + 7 * DAY, {
    maxItems: 2000,
    maxCategories: 60,
  });
  const options = { maxLength: 20, horizonMs: 7 * DAY, activeWithinMs: 120 * DAY };
  const train = buildPurchaseSamples(table, trainCutoffs, vocabulary, options);
  const validation = buildPurchaseSamples(table, validationCutoffs, vocabulary, options);
  const test = buildPurchaseSamples(table, testCutoffs, vocabulary, options);
  const model = await new PurchasePredictor({
    seed,
    epochs: 3,
    patience: 1,
    dim: 16,
    blocks: 1,
    batchSize: 256,
  }).fit({ vocabulary, train, validation }, run);
  try {
    const predicted = await model.predict(test);
    const baseline = logisticBaseline(train, test);
    const now = buildPurchaseSamples(table, [end + 1], vocabulary, options);
    const scores = await model.predict(now);
    const report = model.toJSON().state?.members[0]?.report;
    const order = Array.from({ length: now.n }, (_, i) => i).sort(
      (a, b) => scores.buyProbability[b] - scores.buyProbability[a],
    );
    const edges = Array.from({ length: 11 }, (_, i) => i / 10);
    const counts = new Array<number>(10).fill(0);
    for (const p of scores.buyProbability) counts[Math.min(9, Math.floor(p * 10))]++;
    const rate = (labels: Uint8Array) => labels.reduce((a, b) => a + b, 0) / Math.max(1, labels.length);
    return {
      horizonDays: 7,
      trainRows: train.n,
      trainBuyRate: rate(train.buy),
      testRows: test.n,
      testBuyRate: rate(test.buy),
      testCutoffs: testCutoffs.map(iso),
      transformer: {
        auc: rocAuc(test.buy, predicted.buyProbability),
        logLoss: logLoss(test.buy, predicted.buyProbability),
        epochs: report?.epochs ?? 0,
        bestEpoch: report?.bestEpoch ?? 0,
      },
      logistic: { auc: rocAuc(test.buy, baseline), logLoss: logLoss(test.buy, baseline) },
      asOf: iso(end),
      scored: now.n,
      top: order.slice(0, 10).map((i) => ({
        userId: table.users[now.userIndex[i]],
        probability: scores.buyProbability[i],
        categories: scores.categories[i].filter((c) => c !== 'other').slice(0, 3),
      })),
      histogram: { edges, counts },
    };
  } finally {
    model.dispose();
  }
}
