import { type Review, reviewSchema } from '../schema/review';
import { createDomainReader } from './domain-reader';
import type { ReadSource } from './open-source';
import type { ReadOptions, RecordReader } from './record-reader';

/** Usual column names of review fields (normalised). */
export const REVIEW_COLUMN_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  text: ['review', 'reviewtext', 'content', 'comment', 'body', 'sentence'],
  rating: ['score', 'stars', 'star'],
  label: ['sentiment', 'polarity'],
  itemId: ['product', 'productid', 'sku', 'item'],
  userId: ['user', 'customer', 'customerid', 'reviewer', 'reviewerid'],
  timestamp: ['time', 'ts', 'date', 'datetime', 'createdat'],
};

/**
 * Streams product reviews (`Review`) in batches. `label` must be 0 or 1 (use `valueMaps`, e.g.
 * `{ label: { positive: 1, negative: 0 } }`, for other spellings).
 */
export function readReviews(source: ReadSource, options: ReadOptions = {}): RecordReader<Review> {
  return createDomainReader(
    source,
    { schema: reviewSchema, timestampFields: ['timestamp'], synonyms: REVIEW_COLUMN_SYNONYMS },
    options,
  );
}
