import { z } from 'zod';
import { reject } from '../errors/protocol-rejection-error';

const id = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const metrics = z
  .record(z.string().max(64), z.number().finite())
  .refine((m) => Object.keys(m).length <= 32, 'at most 32 metrics');

/** Fields every signed request header carries. */
export const baseRequest = z.object({
  type: z.string(),
  clientId: id,
  nonce: z.string().regex(/^[0-9a-f]{32}$/),
  timestamp: z.number().finite(),
});

export const joinRequest = baseRequest.extend({
  type: z.literal('join'),
  samples: count,
  parameterCount: z.number().int().positive().max(50_000_000),
  layoutHash: z.string().max(128),
  updateKind: z.enum(['parameters', 'statistics']),
});

export const pollRequest = baseRequest.extend({
  type: z.literal('poll'),
  after: z.string().max(64).optional(),
});

export const updateRequest = baseRequest.extend({
  type: z.literal('update'),
  round: z.number().int().positive(),
  roundId: z.string().max(64),
  samples: count,
  encoding: z.enum(['none', 'ckks', 'masking']),
  length: z.number().int().positive(),
  metrics,
});

export const revealRequest = baseRequest.extend({
  type: z.literal('reveal'),
  roundId: z.string().max(64),
  dropped: z.array(id).max(10_000),
});

export const statusRequest = baseRequest.extend({ type: z.literal('status') });

export const decryptRequest = baseRequest.extend({
  type: z.literal('decrypt'),
  round: z.number().int().positive(),
  roundId: z.string().max(64),
  contributors: z.array(id).max(100_000),
  length: z.number().int().positive(),
});

export type JoinRequest = z.infer<typeof joinRequest>;
export type PollRequest = z.infer<typeof pollRequest>;
export type UpdateRequest = z.infer<typeof updateRequest>;
export type RevealRequest = z.infer<typeof revealRequest>;
export type DecryptRequest = z.infer<typeof decryptRequest>;
export type BaseRequest = z.infer<typeof baseRequest>;

/** Parses a header with a schema; a mismatch is a `malformed` rejection naming the first problem. */
export function parseHeader<T>(schema: z.ZodType<T>, header: unknown): T {
  const result = schema.safeParse(header);
  if (!result.success) {
    const issue = result.error.issues[0];
    reject('malformed', `header field "${issue.path.join('.') || '(root)'}": ${issue.message}`);
  }
  return result.data;
}
