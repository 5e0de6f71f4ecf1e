import { z } from 'zod';

/** A product in the catalogue. */
export const itemSchema = z.object({
  itemId: z.string().min(1),
  title: z.string(),
  description: z.string().optional(),
  /** Category path from root to leaf, e.g. `['Food', 'Drinks', 'Juice']`. */
  categoryPath: z.array(z.string().min(1)).default([]),
  price: z.number().finite().nonnegative().optional(),
  brand: z.string().min(1).optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** An image embedding computed elsewhere (any length). */
  imageVector: z.array(z.number().finite()).optional(),
  inStock: z.boolean().optional(),
});

export type Item = z.infer<typeof itemSchema>;
export type ItemInput = z.input<typeof itemSchema>;
