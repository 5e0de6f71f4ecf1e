import { readRecords } from '@shoppilot/core';
import { type BenchContext, dataFile } from '../harness';

export interface LabelledReview {
  text: string;
  label: number;
}

async function read(
  path: string,
  text: string,
  label: string,
  map: (value: unknown) => number,
): Promise<LabelledReview[]> {
  const rows: LabelledReview[] = [];
  for await (const batch of readRecords(path))
    for (const r of batch) rows.push({ text: String(r[text] ?? ''), label: map(r[label]) });
  return rows;
}

/** The review sets of the sentiment targets (Chinese corpus, or the three English sets together). */
export async function loadLabelledReviews(
  context: BenchContext,
  language: 'zh' | 'en',
): Promise<LabelledReview[]> {
  const numeric = (value: unknown) => Number(value);
  if (language === 'zh')
    return read(
      dataFile(context, 'reviews/online_shopping_10_cats_train.csv.gz'),
      'review',
      'label',
      numeric,
    );
  return [
    ...(await read(dataFile(context, 'reviews/uci_amazon.csv'), 'text', 'label', numeric)),
    ...(await read(dataFile(context, 'reviews/uci_yelp.csv'), 'text', 'label', numeric)),
    ...(await read(dataFile(context, 'reviews/fine_foods_train.csv'), 'review', 'score', (value) =>
      value === 'great' ? 1 : 0,
    )),
  ];
}
