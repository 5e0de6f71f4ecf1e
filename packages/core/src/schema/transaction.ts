import { z } from 'zod';

/** One line of an order (invoice line). Returns/cancellations have negative quantity. */
export const transactionSchema = z.object({
  /** Order or invoice id; several lines share it. */
  transactionId: z.string().min(1),
  customerId: z.string().min(1),
  /** Milliseconds since the Unix epoch (UTC). */
  timestamp: z.number().int().min(0).max(8.64e15),
  itemId: z.string().min(1).optional(),
  quantity: z.number().finite().default(1),
  unitPrice: z.number().finite().nonnegative().optional(),
  /** Line amount; defaults to quantity x unitPrice where both are known. */
  amount: z.number().finite().optional(),
  country: z.string().min(1).optional(),
});

export type Transaction = z.infer<typeof transactionSchema>;
export type TransactionInput = z.input<typeof transactionSchema>;
