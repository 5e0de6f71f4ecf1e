import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AdapterError } from '../errors/adapter-error';
import { MockLanguageModel } from '../testing/mock-language-model';
import {
  type OpenAICompatibleTestServer,
  startOpenAICompatibleServer,
} from '../testing/openai-compatible-server';
import { createFallbackChain } from './fallback-chain';
import { generateObject } from './generate-object';
import { generateText } from './generate-text';
import type { FailedAttempt } from './language-model';
import { createOpenAICompatible } from './openai-compatible/openai-compatible-model';
import { TemplateLanguageModel } from './template/template-language-model';

let server: OpenAICompatibleTestServer;
beforeAll(async () => {
  server = await startOpenAICompatibleServer({ apiKey: 'sk-good-key-0000' });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const remote = (modelId: string, apiKey = 'sk-good-key-0000', timeoutMs = 5_000) =>
  createOpenAICompatible({
    baseURL: server.baseURL,
    apiKey,
    model: modelId,
    timeoutMs,
    maxRetries: 1,
    initialRetryDelayMs: 1,
  });
const template = new TemplateLanguageModel({
  templates: { 'copy.generate': (input: { title: string }) => `Buy ${input.title}` },
});
const task = { name: 'copy.generate', input: { title: 'a mug' } };

describe('createFallbackChain', () => {
  it('answers with the first model when it works: not degraded, no failed attempts', async () => {
    const result = await generateText(createFallbackChain([remote('primary'), template]), {
      prompt: 'hi',
      task,
    });
    expect(result.text).toBe('echo: hi');
    expect(result.model).toEqual({ provider: 'openai-compatible', modelId: 'primary' });
    expect([result.degraded, result.failedAttempts]).toEqual([false, []]);
  });

  it.each([
    ['a 401', [{ status: 401, body: { error: { message: 'bad key' } } }], 'auth', 401],
    ['two 500s', [{ status: 500 }, { status: 500 }], 'server', 500],
    [
      'a hang past the timeout, twice',
      [{ hang: 'headers' as const }, { hang: 'headers' as const }],
      'timeout',
      undefined,
    ],
    ['a malformed JSON body', [{ rawBody: '{"choices": [' }], 'invalid-response', 200],
    [
      'a wrong content shape',
      [{ body: { choices: [{ text: 'legacy completion' }] } }],
      'invalid-response',
      undefined,
    ],
  ])(
    '%s from the primary: the template answers and the failure is recorded',
    async (_name, scripted, reason, status) => {
      server.enqueue('chat', ...scripted);
      const seen: FailedAttempt[] = [];
      const primary = remote('primary', undefined, reason === 'timeout' ? 250 : 5_000);
      const chain = createFallbackChain([primary, template], { onFallback: (attempt) => seen.push(attempt) });
      const result = await generateText(chain, { prompt: 'hi', task });
      expect(result.text).toBe('Buy a mug');
      expect(result.model).toEqual({ provider: 'shoppilot', modelId: 'template' });
      expect(result.degraded).toBe(true);
      expect(result.failedAttempts).toHaveLength(1);
      const [attempt] = result.failedAttempts!;
      expect(attempt.model).toEqual({ provider: 'openai-compatible', modelId: 'primary' });
      expect([attempt.reason, attempt.statusCode]).toEqual([reason, status]);
      expect(seen).toEqual(result.failedAttempts);
    },
  );

  it('falls through several models and records each failure in order', async () => {
    server.enqueue('chat', { status: 400, body: { error: { message: 'unknown model' } } });
    // scripted answers come before the server's key check: 'a' gets the 400, 'b' has a wrong key
    const chain = createFallbackChain([remote('a'), remote('b', 'sk-wrong-key-1111'), remote('c'), template]);
    const result = await chain.doGenerate({ prompt: 'x', task });
    expect(result.model.modelId).toBe('c');
    expect(result.failedAttempts?.map((a) => [a.model.modelId, a.reason])).toEqual([
      ['a', 'bad-request'],
      ['b', 'auth'],
    ]);
    expect(result.degraded).toBe(true);
  });

  it("fallbackOn 'retryable' rethrows a non-retryable failure instead of falling back", async () => {
    const chain = createFallbackChain([remote('a', 'sk-wrong-key-1111'), template], {
      fallbackOn: 'retryable',
    });
    const error = await chain.doGenerate({ prompt: 'x', task }).catch((e) => e);
    expect(AdapterError.isInstance(error) && error.reason).toBe('auth');
    server.enqueue('chat', { status: 503 }, { status: 503 });
    expect((await chain.doGenerate({ prompt: 'x', task })).model.modelId).toBe('template');
  });

  it("never falls back on the caller's abort", async () => {
    server.enqueue('chat', { hang: 'headers' });
    const controller = new AbortController();
    const chain = createFallbackChain([remote('a'), template]);
    const pending = chain.doGenerate({ prompt: 'x', task, signal: controller.signal }).catch((e) => e);
    await server.waitForRequests(1);
    controller.abort();
    const error = await pending;
    expect(AdapterError.isInstance(error) && error.reason).toBe('aborted');
  });

  it('when every model fails: one AdapterError listing each attempt', async () => {
    const chain = createFallbackChain([
      remote('a', 'sk-wrong-key-1111'),
      new MockLanguageModel({ answers: [new Error('mock down')] }),
    ]);
    const error = await chain.doGenerate({ prompt: 'x' }).catch((e) => e);
    expect(AdapterError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /all 2 models failed:\n1\. openai-compatible:a \(auth\): .*\n2\. mock:mock \(unknown\): mock down/,
    );
    expect((error.cause as AggregateError).errors).toHaveLength(2);
  });

  it('works under generateObject: a failing primary degrades to a schema-valid template answer', async () => {
    server.enqueue('chat', { status: 500 }, { status: 500 });
    const schema = z.object({ headline: z.string(), tags: z.array(z.string()).min(2) });
    const chain = createFallbackChain([remote('primary'), new TemplateLanguageModel()]);
    const result = await generateObject(chain, {
      schema,
      prompt: 'x',
      task: { name: 'copy.unknown', input: {} },
    });
    expect(result.object).toEqual({ headline: 'headline', tags: ['tags', 'tags 2'] });
    expect(result.degraded).toBe(true);
    expect(result.failedAttempts?.[0].reason).toBe('server');
  });

  it('needs at least one model', () => {
    expect(() => createFallbackChain([])).toThrow(/at least one model/);
  });
});
