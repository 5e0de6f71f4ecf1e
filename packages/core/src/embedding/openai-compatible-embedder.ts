import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { OpenAICompatibleConnectionOptions } from '../llm/openai-compatible/connection-options';
import { parseEmbeddingResponse } from '../llm/openai-compatible/embeddings-mapping';
import { OpenAICompatibleHttpClient } from '../llm/openai-compatible/http-client';
import type { EmbedOptions, TextEmbedder } from './text-embedder';

export interface OpenAICompatibleEmbedderOptions extends OpenAICompatibleConnectionOptions {
  /** Embedding model, e.g. `text-embedding-3-small`, `text-embedding-v3` (DashScope), `bge-m3` (Ollama). */
  model: string;
  /** Length of the vectors the model returns; every response is checked against it. */
  dimensions: number;
  /** Texts per request. DashScope's compatible mode accepts at most 10. Default 32. */
  batchSize?: number;
  /**
   * `send` puts `dimensions` in the request (OpenAI text-embedding-3 and DashScope v3/v4 shorten
   * their vectors to it); `omit` does not (most other servers reject or ignore it). Default `omit`.
   */
  dimensionsParameter?: 'send' | 'omit';
}

/**
 * Text embeddings from an OpenAI-compatible `/embeddings` endpoint, in batches of `batchSize`
 * sent one after another, with the same timeouts, retries and typed `AdapterError`s as the chat
 * adapter.
 */
export class OpenAICompatibleEmbedder implements TextEmbedder {
  readonly dimensions: number;
  readonly id: string;
  readonly model: string;
  readonly batchSize: number;
  readonly #client: OpenAICompatibleHttpClient;
  readonly #sendDimensions: boolean;

  constructor(options: OpenAICompatibleEmbedderOptions) {
    if (typeof options?.model !== 'string' || options.model === '') {
      throw new InvalidArgumentError({
        argument: 'model',
        message: 'must be a non-empty string',
        value: options?.model,
      });
    }
    for (const [argument, value] of [
      ['dimensions', options.dimensions],
      ['batchSize', options.batchSize ?? 32],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new InvalidArgumentError({ argument, message: 'must be a positive integer', value });
      }
    }
    const provider = options.provider ?? 'openai-compatible';
    this.model = options.model;
    this.dimensions = options.dimensions;
    this.batchSize = options.batchSize ?? 32;
    this.id = `${provider}:${options.model}:${options.dimensions}`;
    this.#sendDimensions = options.dimensionsParameter === 'send';
    this.#client = new OpenAICompatibleHttpClient(options, `${provider}:${options.model}`);
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    texts.forEach((text, index) => {
      if (typeof text !== 'string') {
        throw new InvalidArgumentError({
          argument: `texts[${index}]`,
          message: 'must be a string',
          value: text,
        });
      }
    });
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize);
      const body: Record<string, unknown> = { model: this.model, input: batch, encoding_format: 'float' };
      if (this.#sendDimensions) body.dimensions = this.dimensions;
      const value = await this.#client.postJson('/embeddings', body, options.signal);
      out.push(
        ...parseEmbeddingResponse(value, batch.length, this.dimensions, this.#client.adapter).embeddings,
      );
    }
    return out;
  }

  toJSON(): { id: string; baseURL: string } {
    return { id: this.id, baseURL: this.#client.baseURL };
  }

  toString(): string {
    return `OpenAICompatibleEmbedder(${this.id} at ${this.#client.baseURL})`;
  }
}

/** `new OpenAICompatibleEmbedder(options)`. */
export function createOpenAICompatibleEmbedder(
  options: OpenAICompatibleEmbedderOptions,
): OpenAICompatibleEmbedder {
  return new OpenAICompatibleEmbedder(options);
}
