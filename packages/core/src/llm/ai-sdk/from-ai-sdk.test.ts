import { APICallError } from 'ai';
import { MockEmbeddingModelV3, MockLanguageModelV3, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromAiSdkEmbedding } from '../../embedding/from-ai-sdk-embedding';
import { AdapterError } from '../../errors/adapter-error';
import { createFallbackChain } from '../fallback-chain';
import { generateObject } from '../generate-object';
import { generateText } from '../generate-text';
import { TemplateLanguageModel } from '../template/template-language-model';
import { fromAiSdk } from './from-ai-sdk';

const v3Result = (text: string) => ({
  content: [{ type: 'text' as const, text }],
  finishReason: { unified: 'stop' as const, raw: 'stop' },
  usage: {
    inputTokens: { total: 11, noCache: 11, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 3, text: 3, reasoning: undefined },
  },
  warnings: [{ type: 'unsupported' as const, feature: 'seed', details: 'seed is not supported' }],
});

describe('fromAiSdk', () => {
  it('bridges a LanguageModelV3 (ai/test MockLanguageModelV3): prompt, settings and result mapped', async () => {
    const mock = new MockLanguageModelV3({
      provider: 'mock-provider',
      modelId: 'mock-v3',
      doGenerate: v3Result('Hello '),
    });
    const model = fromAiSdk(mock);
    const controller = new AbortController();
    const result = await generateText(model, {
      system: 'sys',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'reply' },
      ],
      prompt: 'second',
      maxTokens: 20,
      temperature: 0.3,
      seed: 5,
      stop: ['END'],
      signal: controller.signal,
    });
    expect(result).toEqual({
      text: 'Hello ',
      finishReason: 'stop',
      usage: { inputTokens: 11, outputTokens: 3, totalTokens: 14 },
      model: { provider: 'mock-provider', modelId: 'mock-v3' },
      warnings: [{ type: 'unsupported-setting', setting: 'seed', message: 'seed is not supported' }],
    });
    const call = mock.doGenerateCalls[0];
    expect(call.prompt).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: [{ type: 'text', text: 'first' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'reply' }] },
      { role: 'user', content: [{ type: 'text', text: 'second' }] },
    ]);
    expect([call.maxOutputTokens, call.temperature, call.seed, call.stopSequences, call.abortSignal]).toEqual(
      [20, 0.3, 5, ['END'], controller.signal],
    );
  });

  it('bridges a LanguageModelV4 and passes the JSON response format through to generateObject', async () => {
    const mock = new MockLanguageModelV4({ doGenerate: v3Result('{"name":"Mug","price":12}') });
    const schema = z.object({ name: z.string(), price: z.number() });
    const result = await generateObject(fromAiSdk(mock), { schema, prompt: 'product?' });
    expect(result.object).toEqual({ name: 'Mug', price: 12 });
    expect(mock.doGenerateCalls[0].responseFormat).toMatchObject({ type: 'json', name: 'output' });
  });

  it('bridges a V2-shaped model (flat usage, string finish reason, joined text parts)', async () => {
    const v2 = {
      specificationVersion: 'v2',
      provider: 'legacy',
      modelId: 'old',
      supportedUrls: {},
      doGenerate: async () => ({
        content: [
          { type: 'reasoning', text: 'hidden' },
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
        finishReason: 'length',
        usage: { inputTokens: 2, outputTokens: 1, totalTokens: 3 },
        warnings: [{ type: 'unsupported-setting', setting: 'temperature' }],
      }),
      doStream: async () => {
        throw new Error('not used');
      },
    };
    const result = await fromAiSdk(v2).doGenerate({ prompt: 'x' });
    expect([result.text, result.finishReason, result.usage]).toEqual([
      'ab',
      'length',
      { inputTokens: 2, outputTokens: 1, totalTokens: 3 },
    ]);
    expect(result.warnings[0]).toMatchObject({ type: 'unsupported-setting', setting: 'temperature' });
  });

  it.each([
    [429, 'rate-limit', true],
    [401, 'auth', false],
    [503, 'server', true],
    [400, 'bad-request', false],
  ])(
    'an APICallError with status %i becomes AdapterError %s (retryable %s)',
    async (statusCode, reason, retryable) => {
      const mock = new MockLanguageModelV3({
        doGenerate: async () => {
          throw new APICallError({ message: 'failed', url: 'https://x', requestBodyValues: {}, statusCode });
        },
      });
      const error = await fromAiSdk(mock)
        .doGenerate({ prompt: 'x' })
        .catch((e) => e);
      expect(AdapterError.isInstance(error)).toBe(true);
      expect([error.reason, error.statusCode, error.retryable]).toEqual([reason, statusCode, retryable]);
    },
  );

  it('a failing AI SDK model degrades to the template model in a fallback chain', async () => {
    const mock = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new APICallError({
          message: 'overloaded',
          url: 'https://x',
          requestBodyValues: {},
          statusCode: 529,
        });
      },
    });
    const chain = createFallbackChain([fromAiSdk(mock), new TemplateLanguageModel()]);
    const result = await chain.doGenerate({ prompt: 'keep this' });
    expect([result.text, result.degraded, result.failedAttempts?.[0].reason]).toEqual([
      'keep this',
      true,
      'server',
    ]);
  });

  it('rejects objects that are not AI SDK language models of v2-v4', () => {
    expect(() =>
      fromAiSdk({
        specificationVersion: 'v1',
        provider: 'p',
        modelId: 'm',
        doGenerate: async () => ({}),
      } as never),
    ).toThrow(/specification v2, v3 or v4 \(got v1\)/);
  });
});

describe('fromAiSdkEmbedding', () => {
  it('embeds in batches of maxEmbeddingsPerCall and checks dimensions', async () => {
    const mock = new MockEmbeddingModelV3({
      maxEmbeddingsPerCall: 2,
      doEmbed: async ({ values }) => ({ embeddings: values.map((v) => [v.length, 1, 0]), warnings: [] }),
    });
    const embedder = fromAiSdkEmbedding(mock, { dimensions: 3 });
    const vectors = await embedder.embed(['a', 'bb', 'ccc']);
    expect(vectors.map((v) => Array.from(v))).toEqual([
      [1, 1, 0],
      [2, 1, 0],
      [3, 1, 0],
    ]);
    expect(mock.doEmbedCalls.map((call) => call.values)).toEqual([['a', 'bb'], ['ccc']]);
    const wrong = fromAiSdkEmbedding(mock, { dimensions: 4 });
    await expect(wrong.embed(['a'])).rejects.toMatchObject({ reason: 'invalid-response' });
  });
});
