import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, readRecords } from '@shoppilot/core';
import {
  aspectHints,
  binaryClassificationReport,
  isTestRow,
  LexiconScorer,
  SentimentClassifier,
} from '@shoppilot/profiling';

export const REVIEWS_FILE = join('reviews', 'uci_sentiment_sentences.csv');

/** The committed set, or the two UCI files of the shared datasets layout. */
async function readReviewRows(
  dataDir: string,
): Promise<Array<{ text: string; label: number; source: string }>> {
  const combined = join(dataDir, REVIEWS_FILE);
  const parts = existsSync(combined)
    ? [{ file: combined, source: undefined }]
    : ['uci_amazon', 'uci_yelp'].map((name) => ({
        file: join(dataDir, 'reviews', `${name}.csv`),
        source: name,
      }));
  const rows: Array<{ text: string; label: number; source: string }> = [];
  for (const part of parts) {
    if (!existsSync(part.file))
      throw new InvalidArgumentError({
        argument: '--data-dir',
        message: `needs ${REVIEWS_FILE}`,
        value: dataDir,
      });
    const { records } = await readRecords(part.file, { fields: { label: 'number' } }).collect();
    for (const r of records)
      rows.push({ text: String(r.text), label: Number(r.label), source: String(r.source ?? part.source) });
  }
  return rows;
}

export interface SentimentResult {
  source: string;
  trainRows: number;
  testRows: number;
  trained: { accuracy: number; f1: number };
  lexicon: { accuracy: number; f1: number };
  samples: Array<{ text: string; label: number; predicted: number; probability: number; aspects: string[] }>;
  /** Share of held-out reviews the trained model calls positive. */
  positiveShare: number;
}

/**
 * Trains the NB-logistic sentiment classifier on 75% of the committed labelled reviews (split by a
 * hash of the text, never by position) and scores the other 25%, beside the untrained lexicon.
 */
export async function reviewSentiment(dataDir: string): Promise<SentimentResult> {
  const rows = await readReviewRows(dataDir);
  const test = rows.filter((r) => isTestRow(r.text, 0.25));
  const train = rows.filter((r) => !isTestRow(r.text, 0.25));
  const model = await new SentimentClassifier().fit(
    train.map((r) => r.text),
    train.map((r) => r.label),
  );
  const probabilities = model.predictProba(test.map((r) => r.text));
  const predicted = Array.from(probabilities, (p) => (p >= 0.5 ? 1 : 0));
  const trained = binaryClassificationReport(
    test.map((r) => r.label),
    predicted,
  );
  const lexicon = binaryClassificationReport(
    test.map((r) => r.label),
    new LexiconScorer().predict(test.map((r) => r.text)),
  );
  const withAspects = test
    .map((r, i) => ({ ...r, i, aspects: aspectHints(r.text) }))
    .filter((r) => r.aspects.length > 0);
  const picks = [
    ...withAspects.filter((r) => r.label === 1).slice(0, 3),
    ...withAspects.filter((r) => r.label === 0).slice(0, 3),
  ];
  return {
    source:
      "UCI Sentiment Labelled Sentences (Amazon product and Yelp reviews; CC BY 4.0), not this store's reviews",
    trainRows: train.length,
    testRows: test.length,
    trained: { accuracy: trained.accuracy, f1: trained.f1 },
    lexicon: { accuracy: lexicon.accuracy, f1: lexicon.f1 },
    samples: picks.map((r) => ({
      text: r.text,
      label: r.label,
      predicted: predicted[r.i],
      probability: probabilities[r.i],
      aspects: [
        ...new Set(r.aspects.map((a) => `${a.aspect} ${a.polarity > 0 ? '+' : a.polarity < 0 ? '−' : '·'}`)),
      ],
    })),
    positiveShare: predicted.filter((p) => p === 1).length / Math.max(1, predicted.length),
  };
}
