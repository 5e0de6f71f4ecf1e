import { z } from 'zod';

/** A product review, optionally labelled for sentiment training. */
export const reviewSchema = z.object({
  reviewId: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  itemId: z.string().min(1).optional(),
  text: z.string(),
  /** Star rating (1-5 usually). */
  rating: z.number().finite().optional(),
  /** Sentiment label: 1 positive, 0 negative. */
  label: z.union([z.literal(0), z.literal(1)]).optional(),
  timestamp: z.number().int().min(0).max(8.64e15).optional(),
});

export type Review = z.infer<typeof reviewSchema>;
