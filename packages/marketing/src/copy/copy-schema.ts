import { z } from 'zod';

/** One draft as a model returns it. */
export const copyDraftSchema = z.object({ text: z.string().min(1) });

const check = z.object({
  name: z.enum(['facts', 'compliance', 'length', 'format']),
  passed: z.boolean(),
  violations: z.array(z.string()),
});

/** The result of `generateCopy`: several variants, each with the checks it passed or failed. */
export const copyResultSchema = z.object({
  channel: z.string(),
  language: z.string(),
  variants: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      passed: z.boolean(),
      checks: z.array(check),
      attempts: z.number().int().min(1),
      model: z.object({ provider: z.string(), modelId: z.string() }),
    }),
  ),
  examples: z.array(z.string()),
  warnings: z.array(z.string()),
});

export type CopyResult = z.infer<typeof copyResultSchema>;
export type CopyVariant = CopyResult['variants'][number];

/** JSON Schema (draft 2020-12) of the result, for callers that validate or document it. */
export const copyResultJsonSchema = z.toJSONSchema(copyResultSchema);
