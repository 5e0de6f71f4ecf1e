import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type OpenAICompatibleTestServer,
  startOpenAICompatibleServer,
} from '../testing/openai-compatible-server';
import { HashingEmbedder } from './hashing-embedder';
import {
  createOpenAICompatibleEmbedder,
  type OpenAICompatibleEmbedderOptions,
} from './openai-compatible-embedder';

let server: OpenAICompatibleTestServer;
beforeAll(async () => {
  server = await startOpenAICompatibleServer({ apiKey: 'sk-embed-key-0000', embeddingDimensions: 16 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const embedder = (overrides: Partial<OpenAICompatibleEmbedderOptions> = {}) =>
  createOpenAICompatibleEmbedder({
    baseURL: server.baseURL,
    apiKey: 'sk-embed-key-0000',
    model: 'test-embed',
    dimensions: 16,
    batchSize: 2,
    timeoutMs: 5_000,
    maxRetries: 1,
    initialRetryDelayMs: 1,
    ...overrides,
  });

describe('OpenAICompatibleEmbedder against a local HTTP server', () => {
  it('embeds in batches, in input order, with the vectors the server computed', async () => {
    // The test server answers with HashingEmbedder vectors of its inputs, so the expected values are exact.
    const texts = ['红色连衣裙', '蓝色牛仔裤', 'red dress', 'blue jeans', 'mug'];
    const vectors = await embedder().embed(texts);
    const expected = new HashingEmbedder({ dimensions: 16 }).embedSync(texts);
    expect(vectors.map((v) => Array.from(v))).toEqual(expected.map((v) => Array.from(v)));
    expect(server.requests.map((r) => (r.body as { input: string[] }).input)).toEqual([
      ['红色连衣裙', '蓝色牛仔裤'],
      ['red dress', 'blue jeans'],
      ['mug'],
    ]);
    expect(server.requests[0].body).toEqual({
      model: 'test-embed',
      input: ['红色连衣裙', '蓝色牛仔裤'],
      encoding_format: 'float',
    });
  });

  it("sends dimensions only when dimensionsParameter is 'send'", async () => {
    await embedder({ dimensions: 6, dimensionsParameter: 'send' }).embed(['a']);
    expect((server.requests[0].body as { dimensions?: number }).dimensions).toBe(6);
  });

  it('reorders data by index', async () => {
    server.enqueue('embeddings', {
      body: {
        data: [
          { index: 1, embedding: [0, 1] },
          { index: 0, embedding: [1, 0] },
        ],
      },
    });
    const vectors = await embedder({ dimensions: 2 }).embed(['first', 'second']);
    expect(vectors.map((v) => Array.from(v))).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it.each([
    [{ body: { data: [{ index: 0, embedding: [1, 2, 3] }] } }, /embedding 0 has 3 dimensions, expected 16/],
    [{ body: { data: [] } }, /expected 1 embeddings, got 0/],
    [{ body: { data: [{ embedding: 'abc' }] } }, /data\.0\.embedding/],
    [{ rawBody: '<html>gateway</html>' }, /not JSON/],
  ])('a bad response %j is an invalid-response AdapterError', async (scripted, pattern) => {
    server.enqueue('embeddings', scripted);
    const error = await embedder()
      .embed(['x'])
      .catch((e) => e);
    expect(error.reason).toBe('invalid-response');
    expect(error.message).toMatch(pattern);
  });

  it('429 then success is retried; 401 is typed', async () => {
    server.enqueue('embeddings', { status: 429, headers: { 'retry-after': '0' } });
    expect((await embedder().embed(['x']))[0].length).toBe(16);
    expect(server.requests.length).toBe(2);
    const error = await embedder({ apiKey: 'sk-wrong-000000' })
      .embed(['x'])
      .catch((e) => e);
    expect([error.reason, error.statusCode]).toEqual(['auth', 401]);
  });

  it('a hang past the timeout is a typed timeout error', async () => {
    server.enqueue('embeddings', { hang: 'headers' }, { hang: 'body', body: { data: [] } });
    const error = await embedder({ timeoutMs: 300 })
      .embed(['x'])
      .catch((e) => e);
    expect([error.reason, server.requests.length]).toEqual(['timeout', 2]);
  });

  it('has an id naming the vector space, and validates its options', () => {
    expect(embedder().id).toBe('openai-compatible:test-embed:16');
    expect(() => embedder({ dimensions: 0 })).toThrow(/dimensions/);
    expect(() => embedder({ batchSize: 1.5 })).toThrow(/batchSize/);
    expect(String(embedder())).not.toContain('sk-embed-key');
    expect(JSON.stringify(embedder())).not.toContain('sk-embed-key');
  });
});
