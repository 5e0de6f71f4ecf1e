export { abortedError, classifyStatus, isCallerAbort, isRetryableError } from './adapter-errors';
export type {
  AiSdkCallOptions,
  AiSdkEmbeddingModel,
  AiSdkGenerateResult,
  AiSdkLanguageModel,
} from './ai-sdk/ai-sdk-types';
export { fromAiSdk } from './ai-sdk/from-ai-sdk';
export { createFallbackChain, FallbackChain, type FallbackChainOptions } from './fallback-chain';
export {
  type GenerateObjectRequest,
  type GenerateObjectResult,
  generateObject,
  toJsonSchema,
} from './generate-object';
export { generateText } from './generate-text';
export type {
  ChatMessage,
  EmbedCallOptions,
  EmbedResult,
  FailedAttempt,
  FinishReason,
  GenerateRequest,
  GenerateResult,
  JsonSchema,
  LanguageModel,
  LanguageModelWarning,
  MessageRole,
  ModelRef,
  ResponseFormat,
  TaskHint,
  TokenUsage,
} from './language-model';
export { toChatMessages, validateRequest } from './messages';
export { ObjectGenerationError } from './object-generation-error';
export type { JsonMode } from './openai-compatible/chat-mapping';
export type {
  ApiKeySource,
  OpenAICompatibleConnectionOptions,
  RetryEvent,
} from './openai-compatible/connection-options';
export {
  createOpenAICompatible,
  OpenAICompatibleLanguageModel,
  type OpenAICompatibleOptions,
} from './openai-compatible/openai-compatible-model';
export { backoffDelay, parseRetryAfter } from './openai-compatible/retry';
export { type ParseJsonTextResult, parseJsonText } from './parse-json-text';
export { type ExampleFromSchemaResult, exampleFromJsonSchema } from './template/example-from-json-schema';
export { stableStringify } from './template/stable-stringify';
export {
  type AnyTemplate,
  type ByLocaleOptions,
  byLocale,
  defineTemplate,
  type Template,
  type TemplateContext,
  type TemplateOutput,
} from './template/template';
export { TemplateLanguageModel, type TemplateLanguageModelOptions } from './template/template-language-model';
