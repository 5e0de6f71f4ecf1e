import { z } from 'zod';
import { AdapterError } from '../../errors/adapter-error';
import type { TokenUsage } from '../language-model';
import { invalidShape } from './chat-mapping';

const embeddingResponseSchema = z.object({
  data: z.array(
    z.object({ embedding: z.array(z.number()), index: z.number().int().nonnegative().optional() }),
  ),
  usage: z.object({ prompt_tokens: z.number().nullish(), total_tokens: z.number().nullish() }).nullish(),
});

/**
 * Validates an `/embeddings` response for `count` inputs: one vector per input (ordered by
 * `index`), all of one length, equal to `dimensions` when given. Throws `AdapterError`
 * (invalid-response) otherwise.
 */
export function parseEmbeddingResponse(
  value: unknown,
  count: number,
  dimensions: number | undefined,
  adapter: string,
): { embeddings: Float32Array[]; usage: TokenUsage } {
  const parsed = embeddingResponseSchema.safeParse(value);
  if (!parsed.success) throw invalidShape(value, parsed.error, adapter);
  const { data, usage } = parsed.data;
  const fail = (message: string) => new AdapterError({ adapter, reason: 'invalid-response', message });
  if (data.length !== count) throw fail(`expected ${count} embeddings, got ${data.length}`);
  const ordered = new Array<Float32Array>(count);
  data.forEach((item, position) => {
    const index = item.index ?? position;
    if (index >= count || ordered[index]) throw fail(`embedding index ${index} is out of range or repeated`);
    ordered[index] = Float32Array.from(item.embedding);
  });
  const length = dimensions ?? ordered[0]?.length;
  const wrong = ordered.findIndex((vector) => vector.length !== length || vector.length === 0);
  if (wrong >= 0)
    throw fail(`embedding ${wrong} has ${ordered[wrong].length} dimensions, expected ${length}`);
  return {
    embeddings: ordered,
    usage: { inputTokens: usage?.prompt_tokens ?? undefined, totalTokens: usage?.total_tokens ?? undefined },
  };
}
