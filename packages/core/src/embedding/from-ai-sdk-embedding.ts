import { AdapterError } from '../errors/adapter-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { throwIfCallerAborted } from '../llm/adapter-errors';
import { fromAiSdkError } from '../llm/ai-sdk/ai-sdk-errors';
import type { AiSdkEmbeddingModel } from '../llm/ai-sdk/ai-sdk-types';
import type { EmbedOptions, TextEmbedder } from './text-embedder';

export interface FromAiSdkEmbeddingOptions {
  /** Length of the vectors the model returns; every vector is checked against it. */
  dimensions: number;
}

/**
 * Uses a Vercel AI SDK embedding model (EmbeddingModelV2/V3/V4, e.g.
 * `openai.textEmbeddingModel('text-embedding-3-small')`) as a `TextEmbedder`, batching by its
 * `maxEmbeddingsPerCall`.
 */
export function fromAiSdkEmbedding(
  model: AiSdkEmbeddingModel,
  options: FromAiSdkEmbeddingOptions,
): TextEmbedder {
  if (!model || typeof model.doEmbed !== 'function') {
    throw new InvalidArgumentError({
      argument: 'model',
      message: 'must be an AI SDK embedding model (with doEmbed)',
    });
  }
  const { dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new InvalidArgumentError({
      argument: 'dimensions',
      message: 'must be a positive integer',
      value: dimensions,
    });
  }
  const adapter = `${model.provider}:${model.modelId}`;
  const doEmbed = model.doEmbed.bind(model) as (o: {
    values: string[];
    abortSignal?: AbortSignal;
  }) => PromiseLike<{ embeddings: ReadonlyArray<ArrayLike<number>> }>;
  return {
    dimensions,
    id: `${adapter}:${dimensions}`,
    async embed(texts: readonly string[], embedOptions: EmbedOptions = {}): Promise<Float32Array[]> {
      const batchSize = (await model.maxEmbeddingsPerCall) ?? (texts.length || 1);
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        throwIfCallerAborted(adapter, embedOptions.signal);
        const values = texts.slice(start, start + batchSize);
        let result: { embeddings: ReadonlyArray<ArrayLike<number>> };
        try {
          result = await doEmbed({ values, abortSignal: embedOptions.signal });
        } catch (error) {
          throw fromAiSdkError(error, adapter, embedOptions.signal);
        }
        out.push(...checkVectors(result?.embeddings, values.length, dimensions, adapter));
      }
      return out;
    },
  };
}

function checkVectors(
  embeddings: ReadonlyArray<ArrayLike<number>> | undefined,
  count: number,
  dimensions: number,
  adapter: string,
): Float32Array[] {
  const fail = (message: string) => new AdapterError({ adapter, reason: 'invalid-response', message });
  if (!Array.isArray(embeddings) || embeddings.length !== count) {
    throw fail(`expected ${count} embeddings, got ${Array.isArray(embeddings) ? embeddings.length : 'none'}`);
  }
  return embeddings.map((vector, index) => {
    if (vector?.length !== dimensions)
      throw fail(`embedding ${index} has ${vector?.length} dimensions, expected ${dimensions}`);
    return Float32Array.from(vector);
  });
}
