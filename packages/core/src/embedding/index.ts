export { charWbNgrams, defaultPreprocess, forEachCharWbNgramBytes } from './char-ngrams';
export { type FromAiSdkEmbeddingOptions, fromAiSdkEmbedding } from './from-ai-sdk-embedding';
export { HashingEmbedder, type HashingEmbedderOptions, hashBucket } from './hashing-embedder';
export { murmurHash3, murmurHash3Signed } from './murmur-hash3';
export {
  createOpenAICompatibleEmbedder,
  OpenAICompatibleEmbedder,
  type OpenAICompatibleEmbedderOptions,
} from './openai-compatible-embedder';
export { cosineSimilarity, type EmbedOptions, type TextEmbedder } from './text-embedder';
