import { generateObject, type LanguageModel } from '@shoppilot/core';
import { z } from 'zod';
import { DEFAULT_ASPECT_KEYWORDS } from './aspects';

/** The JSON answer the model must give (validated; retried with the error on mismatch). */
export const llmSentimentSchema = z.object({
  label: z.enum(['positive', 'negative']),
  confidence: z.number().min(0).max(1),
  aspects: z
    .array(
      z.object({
        aspect: z.enum(['price', 'quality', 'logistics', 'service']),
        polarity: z.enum(['positive', 'negative', 'neutral']),
      }),
    )
    .default([]),
});

export type LlmSentiment = z.output<typeof llmSentimentSchema>;

export interface LlmSentimentResult extends LlmSentiment {
  /** 1 positive, 0 negative. */
  value: number;
  model: { provider: string; modelId: string };
  /** True when a fallback chain answered with a model other than its first. */
  degraded: boolean;
}

export interface LlmSentimentOptions {
  /** Retries after an invalid answer. Default 2. */
  maxRetries?: number;
  temperature?: number;
  signal?: AbortSignal;
}

const SYSTEM =
  'You classify the sentiment of a product review (Chinese, English or mixed). Answer only with JSON ' +
  'matching the schema: label positive|negative, confidence in [0, 1], and the aspects mentioned ' +
  `(${Object.keys(DEFAULT_ASPECT_KEYWORDS).join(', ')}) with their polarity.`;

/**
 * Review sentiment through any core `LanguageModel` (OpenAI-compatible endpoints such as DeepSeek,
 * Qwen, vLLM or Ollama, the AI SDK bridge, or the offline template model) with a JSON schema.
 */
export async function classifySentimentWithLlm(
  model: LanguageModel,
  text: string,
  options: LlmSentimentOptions = {},
): Promise<LlmSentimentResult> {
  const result = await generateObject(model, {
    system: SYSTEM,
    prompt: `Review:\n${text}`,
    schema: llmSentimentSchema,
    schemaName: 'review_sentiment',
    maxRetries: options.maxRetries ?? 2,
    temperature: options.temperature ?? 0,
    signal: options.signal,
    task: { name: 'profiling.sentiment', input: { text } },
  });
  const answer = result.object;
  return {
    ...answer,
    value: answer.label === 'positive' ? 1 : 0,
    model: result.model,
    degraded: result.degraded ?? false,
  };
}
