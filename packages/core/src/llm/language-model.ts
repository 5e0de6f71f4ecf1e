import type { AdapterErrorReason } from '../errors/adapter-error';

/** A JSON Schema object (draft 2020-12 or draft 7), e.g. the output of zod's `z.toJSONSchema`. */
export type JsonSchema = Record<string, unknown>;

export type MessageRole = 'system' | 'user' | 'assistant';

/** One chat message; content is plain text. */
export interface ChatMessage {
  role: MessageRole;
  content: string;
}

/** What the model should return: free text, or JSON (optionally matching a schema). */
export type ResponseFormat =
  | { type: 'text' }
  | {
      type: 'json';
      /** JSON Schema the answer must match. */
      schema?: JsonSchema;
      /** Name of the output, used by some providers (OpenAI `json_schema.name`). */
      name?: string;
      /** What the output is, used by some providers. */
      description?: string;
    };

/**
 * A structured hint naming what is being asked for. HTTP models ignore it (the prompt carries the
 * request); the offline `TemplateLanguageModel` answers from the template registered under `name`.
 */
export interface TaskHint {
  /** Task name, e.g. `copy.generate` (dotted `area.action` by convention). */
  name: string;
  /** The structured input of the task (what the prompt was built from). */
  input: unknown;
}

/** One generation request. Give `prompt`, `messages`, or both (the prompt is appended as a user turn). */
export interface GenerateRequest {
  /** System instructions, sent first. */
  system?: string;
  /** The conversation so far. */
  messages?: ChatMessage[];
  /** A single user prompt. */
  prompt?: string;
  /** Upper bound on generated tokens. Default: the provider's. */
  maxTokens?: number;
  /** Sampling temperature (>= 0). Default: the provider's. */
  temperature?: number;
  /** Sampling seed where the provider supports it; the template model uses it to choose variants. */
  seed?: number;
  /** Stop sequences. */
  stop?: string[];
  /** Text (default) or JSON. */
  responseFormat?: ResponseFormat;
  /** Cancels the call; the call rejects with an `AdapterError` of reason `aborted`. */
  signal?: AbortSignal;
  /** Structured hint for template models; see `TaskHint`. */
  task?: TaskHint;
}

export type FinishReason =
  | 'stop'
  | 'length'
  | 'content-filter'
  | 'tool-calls'
  | 'error'
  | 'other'
  | 'unknown';

/** Token counts as reported by the provider (absent when it does not report them). */
export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

/** Something the model could not honour or did differently, e.g. an unsupported setting. */
export interface LanguageModelWarning {
  type: 'unsupported-setting' | 'compatibility' | 'fallback' | 'other';
  /** The request field concerned, when there is one. */
  setting?: string;
  message: string;
}

/** Which model answered. */
export interface ModelRef {
  provider: string;
  modelId: string;
}

/** A model in a fallback chain that failed before another one answered. */
export interface FailedAttempt {
  model: ModelRef;
  /** The `AdapterError` reason, or `unknown` for other errors. */
  reason: AdapterErrorReason | 'unknown';
  /** The error message (never contains an API key). */
  message: string;
  statusCode?: number;
}

export interface GenerateResult {
  text: string;
  finishReason: FinishReason;
  usage: TokenUsage;
  /** The model that produced `text` (in a fallback chain: the one that answered). */
  model: ModelRef;
  warnings: LanguageModelWarning[];
  /** Set by a fallback chain: true when a model other than the first answered. */
  degraded?: boolean;
  /** Set by a fallback chain: the models that failed before `model` answered, in order. */
  failedAttempts?: FailedAttempt[];
}

export interface EmbedCallOptions {
  signal?: AbortSignal;
}

export interface EmbedResult {
  /** One vector per input text, in input order. */
  embeddings: Float32Array[];
  usage: TokenUsage;
  model: ModelRef;
}

/**
 * The one interface every language model implements (after vercel/ai's provider specification,
 * simplified): the `do*` methods are the adapter surface; call them through `generateText` and
 * `generateObject`, which validate requests and results.
 */
export interface LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  doGenerate(request: GenerateRequest): Promise<GenerateResult>;
  /** Text embeddings, when the model offers them. */
  doEmbed?(texts: readonly string[], options?: EmbedCallOptions): Promise<EmbedResult>;
}
