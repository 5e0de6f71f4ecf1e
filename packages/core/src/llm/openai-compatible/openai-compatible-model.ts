import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import type {
  EmbedCallOptions,
  EmbedResult,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
} from '../language-model';
import { buildChatBody, type ChatSettings, type JsonMode, parseChatResponse } from './chat-mapping';
import type { OpenAICompatibleConnectionOptions } from './connection-options';
import { parseEmbeddingResponse } from './embeddings-mapping';
import { OpenAICompatibleHttpClient } from './http-client';

export interface OpenAICompatibleOptions extends OpenAICompatibleConnectionOptions {
  /** Model name as the server knows it, e.g. `gpt-4o-mini`, `deepseek-chat`, `qwen-plus`, `llama3.1`. */
  model: string;
  /**
   * How JSON is requested: `json_schema` sends the schema as `response_format` (OpenAI, vLLM, recent
   * Ollama); `json_object` sends `{ type: 'json_object' }` and puts the schema in the system message
   * (DeepSeek, DashScope); `prompt` only instructs in the system message (servers without JSON mode).
   * Default `json_object` (the most widely supported).
   */
  jsonMode?: JsonMode;
  /** Field that carries `maxTokens`. OpenAI's reasoning models want `max_completion_tokens`. Default `max_tokens`. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Extra fields merged into every chat request body, e.g. `{ enable_thinking: false }` for Qwen3. */
  extraBody?: Record<string, unknown>;
  /** Embedding model for `doEmbed` (e.g. `text-embedding-3-small`); without it there is no `doEmbed`. */
  embeddingModel?: string;
}

/**
 * A model served over the OpenAI chat-completions protocol (OpenAI, DeepSeek, Qwen/DashScope
 * compatible mode, vLLM, Ollama's /v1, LM Studio, gateways).
 *
 * ```ts
 * const model = createOpenAICompatible({
 *   baseURL: 'https://api.deepseek.com/v1', apiKeyEnv: 'DEEPSEEK_API_KEY', model: 'deepseek-chat',
 * });
 * ```
 */
export function createOpenAICompatible(options: OpenAICompatibleOptions): OpenAICompatibleLanguageModel {
  return new OpenAICompatibleLanguageModel(options);
}

export class OpenAICompatibleLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly #client: OpenAICompatibleHttpClient;
  readonly #settings: ChatSettings;
  readonly #embeddingModel: string | undefined;

  constructor(options: OpenAICompatibleOptions) {
    if (typeof options?.model !== 'string' || options.model === '') {
      throw new InvalidArgumentError({
        argument: 'model',
        message: 'must be a non-empty string',
        value: options?.model,
      });
    }
    this.provider = options.provider ?? 'openai-compatible';
    this.modelId = options.model;
    this.#client = new OpenAICompatibleHttpClient(options, `${this.provider}:${this.modelId}`);
    this.#settings = {
      model: options.model,
      jsonMode: options.jsonMode ?? 'json_object',
      maxTokensField: options.maxTokensField ?? 'max_tokens',
      extraBody: options.extraBody,
    };
    this.#embeddingModel = options.embeddingModel;
    if (this.#embeddingModel) this.doEmbed = this.#embed;
  }

  async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
    const body = buildChatBody(request, this.#settings);
    const value = await this.#client.postJson('/chat/completions', body, request.signal);
    const parsed = parseChatResponse(value, this.#client.adapter);
    return { ...parsed, model: { provider: this.provider, modelId: this.modelId } };
  }

  declare doEmbed?: (texts: readonly string[], options?: EmbedCallOptions) => Promise<EmbedResult>;

  #embed = async (texts: readonly string[], options: EmbedCallOptions = {}): Promise<EmbedResult> => {
    const model = this.#embeddingModel as string;
    const value = await this.#client.postJson(
      '/embeddings',
      { model, input: texts, encoding_format: 'float' },
      options.signal,
    );
    const parsed = parseEmbeddingResponse(value, texts.length, undefined, this.#client.adapter);
    return { ...parsed, model: { provider: this.provider, modelId: model } };
  };

  toJSON(): { provider: string; modelId: string; baseURL: string } {
    return { provider: this.provider, modelId: this.modelId, baseURL: this.#client.baseURL };
  }

  toString(): string {
    return `OpenAICompatibleLanguageModel(${this.provider}:${this.modelId} at ${this.#client.baseURL})`;
  }
}
