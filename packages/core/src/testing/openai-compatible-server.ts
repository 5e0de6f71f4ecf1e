import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HashingEmbedder } from '../embedding/hashing-embedder';

/** One scripted answer of the test server. */
export interface ScriptedResponse {
  /** HTTP status. Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (e.g. a malformed JSON body); wins over `body`. */
  rawBody?: string;
  /** `headers`: never answer; `body`: send the status line and half a body, then stall. */
  hang?: 'headers' | 'body';
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body (or the raw text when it was not JSON). */
  body: unknown;
}

export type TestServerRoute = 'chat' | 'embeddings';

export interface OpenAICompatibleTestServerOptions {
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401 that echoes the key they sent. */
  apiKey?: string;
  /** Default chat answer for a request body. Default: `echo: <last user message>` (JSON mode: `{"echo": …}`). */
  reply?: (body: ChatRequestBody) => string;
  /** Vector length of default embeddings when the request has no `dimensions`. Default 8. */
  embeddingDimensions?: number;
}

export interface ChatRequestBody {
  model?: string;
  messages?: { role: string; content: string }[];
  response_format?: { type: string };
  [key: string]: unknown;
}

/** A real HTTP server on 127.0.0.1 (random port) that speaks the OpenAI chat/embeddings protocol. */
export interface OpenAICompatibleTestServer {
  /** `http://127.0.0.1:<port>/v1` */
  readonly baseURL: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queues answers for a route; when the queue is empty the default answer is used. */
  enqueue(route: TestServerRoute, ...responses: ScriptedResponse[]): void;
  /** Resolves once `count` requests in total have been received (e.g. before aborting a hanging call). */
  waitForRequests(count: number): Promise<void>;
  /** Closes the server and every open (also hanging) connection. */
  close(): Promise<void>;
}

/**
 * Starts the test server. Default answers: chat completions echo the last user message (with
 * usage counted in characters); embeddings are `HashingEmbedder` vectors of the inputs (so tests
 * can compare them exactly); unknown paths get 404. Scripted answers (`enqueue`) come first.
 */
export async function startOpenAICompatibleServer(
  options: OpenAICompatibleTestServerOptions = {},
): Promise<OpenAICompatibleTestServer> {
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const queues: Record<TestServerRoute, ScriptedResponse[]> = { chat: [], embeddings: [] };
  const server = createServer((req, res) => {
    readBody(req).then(
      (text) => {
        const body = parseOrText(text);
        requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
        for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
        respond(res, answer(req, body, queues, options));
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (route, ...responses) => queues[route].push(...responses),
    waitForRequests: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(
  req: IncomingMessage,
  body: unknown,
  queues: Record<TestServerRoute, ScriptedResponse[]>,
  options: OpenAICompatibleTestServerOptions,
): ScriptedResponse {
  const route: TestServerRoute | undefined =
    req.url === '/v1/chat/completions' ? 'chat' : req.url === '/v1/embeddings' ? 'embeddings' : undefined;
  if (!route || req.method !== 'POST')
    return { status: 404, body: { error: { message: `no route ${req.method} ${req.url}` } } };
  const scripted = queues[route].shift();
  if (scripted) return scripted;
  const auth = req.headers.authorization;
  if (options.apiKey !== undefined && auth !== `Bearer ${options.apiKey}`) {
    const sent = auth?.replace(/^Bearer\s+/i, '') ?? '';
    return {
      status: 401,
      body: {
        error: {
          message: `Incorrect API key provided: ${sent}.`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
    };
  }
  return route === 'chat' ? chatAnswer(body as ChatRequestBody, options) : embeddingsAnswer(body, options);
}

function chatAnswer(body: ChatRequestBody, options: OpenAICompatibleTestServerOptions): ScriptedResponse {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const json = body?.response_format !== undefined;
  const content = options.reply
    ? options.reply(body)
    : json
      ? JSON.stringify({ echo: lastUser })
      : `echo: ${lastUser}`;
  const promptChars = messages.reduce((sum, m) => sum + String(m.content).length, 0);
  return { body: chatCompletion(content, String(body?.model ?? ''), promptChars) };
}

/** A well-formed `/chat/completions` response body (usage counted in characters). */
export function chatCompletion(
  content: string | null,
  model = 'test-model',
  promptTokens = 0,
  finishReason = 'stop',
): unknown {
  const completionTokens = content?.length ?? 0;
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

function embeddingsAnswer(body: unknown, options: OpenAICompatibleTestServerOptions): ScriptedResponse {
  const request = (body ?? {}) as { input?: unknown; model?: unknown; dimensions?: unknown };
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  if (!Array.isArray(inputs) || !inputs.every((x) => typeof x === 'string')) {
    return { status: 400, body: { error: { message: 'input must be a string or an array of strings' } } };
  }
  const dimensions =
    typeof request.dimensions === 'number' ? request.dimensions : (options.embeddingDimensions ?? 8);
  const vectors = new HashingEmbedder({ dimensions }).embedSync(inputs);
  const data = vectors.map((vector, index) => ({
    object: 'embedding',
    index,
    embedding: Array.from(vector),
  }));
  const tokens = inputs.reduce((sum, text) => sum + text.length, 0);
  return {
    body: {
      object: 'list',
      data,
      model: request.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}

function respond(res: ServerResponse, scripted: ScriptedResponse): void {
  if (scripted.hang === 'headers') return;
  const text = scripted.rawBody ?? JSON.stringify(scripted.body ?? {});
  res.writeHead(scripted.status ?? 200, { 'content-type': 'application/json', ...scripted.headers });
  if (scripted.hang === 'body') {
    res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    return;
  }
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
