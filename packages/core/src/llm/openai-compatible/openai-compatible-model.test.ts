import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../../errors/adapter-error';
import { createRng } from '../../random/rng';
import {
  chatCompletion,
  type OpenAICompatibleTestServer,
  startOpenAICompatibleServer,
} from '../../testing/openai-compatible-server';
import { generateText } from '../generate-text';
import type { RetryEvent } from './connection-options';
import { createOpenAICompatible, type OpenAICompatibleOptions } from './openai-compatible-model';
import { backoffDelay } from './retry';

const SECRET = 'sk-test-SECRET-0123456789abcdef';

let server: OpenAICompatibleTestServer;
beforeAll(async () => {
  server = await startOpenAICompatibleServer({ apiKey: SECRET });
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
});

function model(overrides: Partial<OpenAICompatibleOptions> = {}) {
  return createOpenAICompatible({
    baseURL: server.baseURL,
    apiKey: SECRET,
    model: 'test-chat',
    timeoutMs: 5_000,
    maxRetries: 2,
    initialRetryDelayMs: 1,
    maxRetryDelayMs: 2_000,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(AdapterError.isInstance(error), `expected an AdapterError, got ${String(error)}`).toBe(true);
  return error as AdapterError;
}

function expectNoSecret(value: unknown): void {
  const texts = [String(value), JSON.stringify(value) ?? '', inspect(value, { depth: 8, showHidden: true })];
  if (value instanceof Error) texts.push(value.message, value.stack ?? '');
  for (const text of texts) expect(text).not.toContain(SECRET);
}

describe('OpenAI-compatible adapter against a local HTTP server', () => {
  it('generates text through /chat/completions with the request mapped to the protocol', async () => {
    const result = await generateText(model(), {
      system: 'You write product copy.',
      prompt: 'Describe a mug',
      maxTokens: 50,
      temperature: 0.2,
      seed: 7,
      stop: ['\n\n'],
    });
    expect(result.text).toBe('echo: Describe a mug');
    expect(result.finishReason).toBe('stop');
    expect(result.model).toEqual({ provider: 'openai-compatible', modelId: 'test-chat' });
    // usage is counted in characters by the test server: 23 + 14 prompt, 20 completion
    expect(result.usage).toEqual({ inputTokens: 37, outputTokens: 20, totalTokens: 57 });
    const [request] = server.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(request.body).toEqual({
      model: 'test-chat',
      messages: [
        { role: 'system', content: 'You write product copy.' },
        { role: 'user', content: 'Describe a mug' },
      ],
      max_tokens: 50,
      temperature: 0.2,
      seed: 7,
      stop: ['\n\n'],
    });
  });

  it('asks for JSON with response_format json_object and the schema in the system message', async () => {
    const schema = { type: 'object', properties: { echo: { type: 'string' } }, required: ['echo'] };
    const result = await model().doGenerate({ prompt: 'hi', responseFormat: { type: 'json', schema } });
    expect(JSON.parse(result.text)).toEqual({ echo: 'hi' });
    const body = server.requests[0].body as { response_format: unknown; messages: { content: string }[] };
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages[0].content).toContain(JSON.stringify(schema));
  });

  it('sends json_schema when jsonMode is json_schema', async () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    await model({ jsonMode: 'json_schema' }).doGenerate({
      prompt: 'x',
      responseFormat: { type: 'json', schema, name: 'copy output!' },
    });
    const body = server.requests[0].body as Record<string, unknown>;
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'copy_output_', schema, strict: false },
    });
    expect((body.messages as unknown[]).length).toBe(1);
  });

  it('embeds through /embeddings when an embedding model is configured', async () => {
    const m = model({ embeddingModel: 'test-embed' });
    const result = await m.doEmbed!(['红色连衣裙', 'blue jeans']);
    expect(result.embeddings.map((v) => v.length)).toEqual([8, 8]);
    expect(result.model.modelId).toBe('test-embed');
    expect(server.requests[0].body).toEqual({
      model: 'test-embed',
      input: ['红色连衣裙', 'blue jeans'],
      encoding_format: 'float',
    });
    expect(model().doEmbed).toBeUndefined();
  });

  it('401: a typed auth error, not retried, with the echoed key redacted', async () => {
    const wrongKey = 'sk-wrong-key-123456789';
    const error = await failure(model({ apiKey: wrongKey }).doGenerate({ prompt: 'x' }));
    expect(error.reason).toBe('auth');
    expect(error.statusCode).toBe(401);
    expect(error.retryable).toBe(false);
    expect(server.requests.length).toBe(1);
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.message).not.toContain(wrongKey);
  });

  it('429 then success: retried after the Retry-After the server asked for', async () => {
    server.enqueue('chat', {
      status: 429,
      headers: { 'retry-after-ms': '25' },
      body: { error: { message: 'slow down' } },
    });
    const retries: RetryEvent[] = [];
    const result = await model({ onRetry: (event) => retries.push(event) }).doGenerate({ prompt: 'again' });
    expect(result.text).toBe('echo: again');
    expect(server.requests.length).toBe(2);
    expect(retries.map((r) => [r.attempt, r.delayMs, r.fromRetryAfter, r.error.reason])).toEqual([
      [2, 25, true, 'rate-limit'],
    ]);
  });

  it('a Retry-After longer than maxRetryDelayMs fails at once as rate-limit', async () => {
    server.enqueue('chat', {
      status: 429,
      headers: { 'retry-after': '120' },
      body: { error: { message: 'quota' } },
    });
    const error = await failure(model().doGenerate({ prompt: 'x' }));
    expect(error.reason).toBe('rate-limit');
    expect(error.message).toMatch(/asked to wait 120 s/);
    expect(server.requests.length).toBe(1);
  });

  it('500 every time: retried maxRetries times with backoff, then a typed server error', async () => {
    server.enqueue(
      'chat',
      ...Array.from({ length: 3 }, () => ({ status: 500, body: { error: { message: 'boom' } } })),
    );
    const retries: RetryEvent[] = [];
    const error = await failure(
      model({ onRetry: (event) => retries.push(event), random: () => 1, initialRetryDelayMs: 4 }).doGenerate({
        prompt: 'x',
      }),
    );
    expect(error.reason).toBe('server');
    expect(error.statusCode).toBe(500);
    expect(error.message).toMatch(/HTTP 500 .*boom \(after 3 attempts\)/);
    expect(server.requests.length).toBe(3);
    // backoff 4 * 2^retry with random() = 1 (top of the jitter range)
    expect(retries.map((r) => r.delayMs)).toEqual([4, 8]);
  });

  it('backoff jitter is seeded: the same retrySeed waits the same delays, drawn from createRng(seed)', async () => {
    const delays = async (retrySeed?: number) => {
      server.enqueue(
        'chat',
        { status: 503, body: {} },
        { status: 500, body: {} },
        { body: chatCompletion('ok') },
      );
      const retries: RetryEvent[] = [];
      const seeded = model({ retrySeed, initialRetryDelayMs: 40, onRetry: (event) => retries.push(event) });
      expect((await seeded.doGenerate({ prompt: 'x' })).text).toBe('ok');
      return retries.map((r) => r.delayMs);
    };
    const first = await delays(7);
    expect(await delays(7)).toEqual(first);
    // The known answer: equal jitter over 40 * 2^retry, with createRng(7)'s stream.
    const rng = createRng(7);
    expect(first).toEqual([0, 1].map((retry) => backoffDelay(retry, 40, 2_000, () => rng.next())));
    const zero = createRng(0);
    expect(await delays()).toEqual([0, 1].map((retry) => backoffDelay(retry, 40, 2_000, () => zero.next())));
    expect(await delays(8)).not.toEqual(first);
    expect(() => model({ retrySeed: Number.NaN })).toThrow(/retrySeed/);
  });

  it('other 4xx are not retried', async () => {
    server.enqueue('chat', { status: 400, body: { error: { message: 'bad model' } } });
    const error = await failure(model().doGenerate({ prompt: 'x' }));
    expect([error.reason, error.statusCode, server.requests.length]).toEqual(['bad-request', 400, 1]);
  });

  it('a server that never answers: timeout on every attempt, then a typed timeout error', async () => {
    server.enqueue('chat', { hang: 'headers' }, { hang: 'headers' });
    const error = await failure(model({ timeoutMs: 250, maxRetries: 1 }).doGenerate({ prompt: 'x' }));
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/no complete response within 250 ms \(after 2 attempts\)/);
    expect(server.requests.length).toBe(2);
  });

  it('a body that stalls half way: timeout, then the retry succeeds', async () => {
    server.enqueue('chat', { hang: 'body', body: chatCompletion('never finished') });
    // the timeout must end the stalled attempt; 1 s leaves the retry ample time on a loaded machine
    const result = await model({ timeoutMs: 1_000 }).doGenerate({ prompt: 'second try' });
    expect(result.text).toBe('echo: second try');
    expect(server.requests.length).toBe(2);
  });

  it('a malformed JSON body is an invalid-response error, not retried', async () => {
    server.enqueue('chat', { rawBody: '{"choices": [{"message": ' });
    const error = await failure(model().doGenerate({ prompt: 'x' }));
    expect(error.reason).toBe('invalid-response');
    expect(error.message).toMatch(/not JSON/);
    expect(server.requests.length).toBe(1);
  });

  it.each([
    [{ choices: [] }, /choices/],
    [{ choices: [{ message: { content: 42 } }] }, /choices\.0\.message\.content/],
    [{ result: 'ok' }, /choices/],
    [{ choices: [{ message: { content: null }, finish_reason: 'stop' }] }, /content is missing/],
    [{ error: { message: 'upstream overloaded' } }, /error object: upstream overloaded/],
  ])('wrong content shape %j is an invalid-response error', async (body, pattern) => {
    server.enqueue('chat', { body });
    const error = await failure(model().doGenerate({ prompt: 'x' }));
    expect(error.reason).toBe('invalid-response');
    expect(error.message).toMatch(pattern);
  });

  it('a refusal comes back as empty text with finish reason content-filter and a warning', async () => {
    server.enqueue('chat', {
      body: { choices: [{ message: { content: null, refusal: 'I cannot help' }, finish_reason: 'stop' }] },
    });
    const result = await model().doGenerate({ prompt: 'x' });
    expect([result.text, result.finishReason]).toEqual(['', 'content-filter']);
    expect(result.warnings[0].message).toContain('I cannot help');
  });

  it('a closed port is a network error, retried, then typed', async () => {
    const closed = await startOpenAICompatibleServer();
    const baseURL = closed.baseURL;
    await closed.close();
    const retries: RetryEvent[] = [];
    const error = await failure(
      model({ baseURL, maxRetries: 1, onRetry: (e) => retries.push(e) }).doGenerate({ prompt: 'x' }),
    );
    expect(error.reason).toBe('network');
    expect(retries.length).toBe(1);
  });

  it("the caller's abort ends a hanging call at once with reason aborted", async () => {
    server.enqueue('chat', { hang: 'headers' });
    const controller = new AbortController();
    const pending = model({ timeoutMs: 10_000 }).doGenerate({ prompt: 'x', signal: controller.signal });
    await server.waitForRequests(1);
    controller.abort();
    const error = await failure(pending);
    expect([error.reason, error.retryable]).toEqual(['aborted', false]);
    expect(server.requests.length).toBe(1);
  });

  it('reads the key from the environment at call time, not at creation', async () => {
    const variable = 'SHOPPILOT_TEST_LLM_KEY';
    delete process.env[variable];
    const m = model({ apiKey: undefined, apiKeyEnv: variable });
    const missing = await failure(m.doGenerate({ prompt: 'x' }));
    expect([missing.reason, missing.message]).toEqual([
      'auth',
      `openai-compatible:test-chat: environment variable ${variable} is not set`,
    ]);
    expect(server.requests.length).toBe(0);
    process.env[variable] = SECRET;
    try {
      expect((await m.doGenerate({ prompt: 'now' })).text).toBe('echo: now');
    } finally {
      delete process.env[variable];
    }
  });

  it('accepts a key function, called per request', async () => {
    let calls = 0;
    const readKeyFile = () => {
      calls++;
      return `${SECRET}\n`; // a key file's trailing newline is trimmed
    };
    const m = model({ apiKey: readKeyFile });
    await m.doGenerate({ prompt: 'a' });
    await m.doGenerate({ prompt: 'b' });
    expect(calls).toBe(2);
  });

  it('sends no Authorization header when no key is configured (local Ollama / vLLM)', async () => {
    const open = await startOpenAICompatibleServer();
    try {
      await model({ baseURL: open.baseURL, apiKey: undefined }).doGenerate({ prompt: 'x' });
      expect(open.requests[0].headers.authorization).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('the key never appears in the model, its JSON or string form, or any error', async () => {
    const m = model();
    expectNoSecret(m);
    expect(JSON.parse(JSON.stringify(m))).toEqual({
      provider: 'openai-compatible',
      modelId: 'test-chat',
      baseURL: server.baseURL,
    });
    const errors: AdapterError[] = [];
    server.enqueue(
      'chat',
      { status: 401, body: { error: { message: `Incorrect API key provided: ${SECRET}` } } },
      { status: 500, rawBody: `internal error for Bearer ${SECRET}` },
      { status: 500, rawBody: `internal error for Bearer ${SECRET}` },
      { status: 500, rawBody: `internal error for Bearer ${SECRET}` },
      { rawBody: `not json ${SECRET}` },
      { body: { error: { message: `bad key ${SECRET}` } } },
    );
    for (let i = 0; i < 4; i++) errors.push(await failure(m.doGenerate({ prompt: 'x' })));
    errors.push(await failure(model({ apiKey: `${SECRET}中` }).doGenerate({ prompt: 'x' })));
    expect(errors.map((e) => e.reason)).toEqual([
      'auth',
      'server',
      'invalid-response',
      'invalid-response',
      'auth',
    ]);
    expect(errors[4].message).toMatch(/characters not allowed in an HTTP header/);
    for (const error of errors) expectNoSecret(error);
  });

  it('rejects a bad configuration with InvalidArgumentError', () => {
    expect(() => createOpenAICompatible({ baseURL: 'not a url', model: 'm' })).toThrow(/baseURL/);
    expect(() => createOpenAICompatible({ baseURL: 'ftp://x', model: 'm' })).toThrow(/http or https/);
    expect(() => createOpenAICompatible({ baseURL: server.baseURL, model: '' })).toThrow(/model/);
    expect(() => createOpenAICompatible({ baseURL: server.baseURL, model: 'm', timeoutMs: -1 })).toThrow(
      /timeoutMs/,
    );
  });
});
