/**
 * The parts of the Vercel AI SDK's provider specification (`@ai-sdk/provider`: LanguageModelV2,
 * V3 and V4; EmbeddingModelV2/V3/V4) that the bridge uses, described structurally so core has no
 * runtime dependency on `ai`. Any object of those specifications fits these types.
 */

export type AiSdkSpecificationVersion = 'v2' | 'v3' | 'v4';

export type AiSdkMessage =
  | { role: 'system'; content: string }
  | { role: 'user' | 'assistant'; content: Array<{ type: 'text'; text: string }> };

/** The call options the bridge sends (a subset every version accepts). */
export interface AiSdkCallOptions {
  prompt: AiSdkMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  seed?: number;
  responseFormat?:
    | { type: 'text' }
    | { type: 'json'; schema?: Record<string, unknown>; name?: string; description?: string };
  abortSignal?: AbortSignal;
}

type TokenCount = number | { total?: number | undefined } | undefined;

/** What `doGenerate` resolves to in V2 (flat usage, string finish reason) and V3/V4 (nested). */
export interface AiSdkGenerateResult {
  content: ReadonlyArray<{ type: string; text?: string }>;
  finishReason: string | { unified: string; raw?: string | undefined };
  usage?: { inputTokens?: TokenCount; outputTokens?: TokenCount; totalTokens?: number | undefined };
  warnings?: ReadonlyArray<unknown>;
}

/** A Vercel AI SDK language model (`LanguageModelV2 | LanguageModelV3 | LanguageModelV4`). */
export interface AiSdkLanguageModel {
  readonly specificationVersion: string;
  readonly provider: string;
  readonly modelId: string;
  /** Typed `never` so that every version's signature fits; the bridge calls it with `AiSdkCallOptions`. */
  doGenerate(options: never): PromiseLike<AiSdkGenerateResult>;
}

/** A Vercel AI SDK embedding model (`EmbeddingModelV2<string> | EmbeddingModelV3 | EmbeddingModelV4`). */
export interface AiSdkEmbeddingModel {
  readonly specificationVersion: string;
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall?: PromiseLike<number | undefined> | number | undefined;
  doEmbed(options: never): PromiseLike<{ embeddings: ReadonlyArray<ArrayLike<number>> }>;
}
