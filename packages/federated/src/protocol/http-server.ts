import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProtocolRejectionError, type RejectionReason, reject } from '../errors/protocol-rejection-error';
import { decodeFrame, encodeFrame, type Frame } from './frame';
import { type BaseRequest, baseRequest, parseHeader } from './messages';
import type { ReplayGuard } from './replay-guard';
import { CLIENT_HEADER, SIGNATURE_HEADER, signaturesMatch, signRequest, signResponse } from './signing';

/** A verified request: who sent it, its header and its blobs. */
export interface VerifiedRequest {
  clientId: string;
  header: BaseRequest & Record<string, unknown>;
  blobs: Uint8Array[];
  bytes: number;
}

export interface Route {
  /** Largest accepted body; checked while reading. */
  maxBytes: () => number;
  /** Unsigned route (only for public data such as a public key). Default false. */
  public?: boolean;
  handle(request: VerifiedRequest): Promise<Frame<object>> | Frame<object>;
}

/** What is logged for every refused request. */
export interface RejectionRecord {
  at: number;
  path: string;
  clientId?: string;
  reason: RejectionReason | 'internal';
  message: string;
  bytes: number;
}

export interface FrameServerOptions {
  routes: Record<string, Route>;
  /** The token of a client id, or undefined for an unknown client. */
  tokenOf(clientId: string): string | undefined;
  replayGuard: ReplayGuard;
  onRejected(record: RejectionRecord): void;
  /** Sees every request body received (for audits and the "no raw data" test). */
  onReceive?(info: { path: string; clientId?: string; body: Uint8Array }): void;
}

/** An HTTP server speaking signed frames on POST routes; returns its URL once listening. */
export async function startFrameServer(
  options: FrameServerOptions,
  listen: { host?: string; port?: number } = {},
): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    void serve(options, request, response);
  });
  server.requestTimeout = 0;
  // Clients train between requests and may not read a close for many seconds; an idle connection
  // kept longer than the busiest spell is rarely closed under them (the client retries if it is).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(listen.port ?? 0, listen.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, url: `http://${host}:${address.port}` };
}

async function serve(
  options: FrameServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  const claimed = headerValue(request, CLIENT_HEADER);
  let bytes = 0;
  let token: string | undefined;
  let nonce = '';
  try {
    const route = options.routes[path];
    if (!route || request.method !== 'POST') reject('not-found', `no route POST ${path}`);
    if (!route.public) {
      token = claimed ? options.tokenOf(claimed) : undefined;
      if (!token) reject('unknown-client', `client "${claimed ?? ''}" is not registered`);
    }
    const body = await readBody(request, route.maxBytes());
    bytes = body.length;
    options.onReceive?.({ path, clientId: claimed, body });
    const signature = headerValue(request, SIGNATURE_HEADER);
    const verified = verify(options, route, { path, claimed, token, body, signature });
    nonce = verified.header.nonce;
    const reply = await route.handle(verified);
    send(response, 200, reply, token, nonce);
  } catch (error) {
    const known = ProtocolRejectionError.isInstance(error);
    options.onRejected({
      at: Date.now(),
      path,
      clientId: claimed,
      reason: known ? error.reason : 'internal',
      message: error instanceof Error ? error.message : String(error),
      bytes,
    });
    const status = known ? error.status : 500;
    const reason = known ? error.reason : 'internal';
    send(
      response,
      status,
      { header: { type: 'rejected', reason, message: known ? error.message : 'internal error' }, blobs: [] },
      token,
      nonce,
    );
    if (known && error.reason === 'too-large') request.destroy();
  }
}

function verify(
  options: FrameServerOptions,
  route: Route,
  input: { path: string; claimed?: string; token?: string; body: Uint8Array; signature?: string },
): VerifiedRequest {
  if (!route.public) {
    const expected = signRequest(input.token!, {
      method: 'POST',
      path: input.path,
      clientId: input.claimed!,
      body: input.body,
    });
    // The signature is checked before the body is parsed.
    if (!signaturesMatch(expected, input.signature)) reject('bad-signature', 'HMAC does not match the body');
  }
  const frame = decodeFrame(input.body);
  const header = parseHeader(baseRequest.passthrough(), frame.header) as VerifiedRequest['header'];
  if (!route.public && header.clientId !== input.claimed)
    reject('bad-signature', 'header client id differs from the signed one');
  options.replayGuard.check(header.clientId, header.nonce, header.timestamp);
  return { clientId: header.clientId, header, blobs: frame.blobs, bytes: input.body.length };
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the body, refusing (before reading it all) anything above `limit` bytes. */
function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    reject('too-large', `body of ${declared} bytes exceeds ${limit}`);
  return new Promise((resolve, rejectRead) => {
    const chunks: Buffer[] = [];
    let total = 0;
    request.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        request.pause();
        rejectRead(
          new ProtocolRejectionError({ reason: 'too-large', message: `body exceeds ${limit} bytes` }),
        );
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    request.on('error', rejectRead);
  });
}

function send(
  response: ServerResponse,
  status: number,
  frame: Frame<object>,
  token: string | undefined,
  nonce: string,
): void {
  if (response.headersSent) return;
  const body = encodeFrame(frame);
  const headers: Record<string, string | number> = {
    'content-type': 'application/octet-stream',
    'content-length': body.length,
  };
  if (token && nonce) headers[SIGNATURE_HEADER] = signResponse(token, { requestNonce: nonce, status, body });
  response.writeHead(status, headers);
  response.end(body);
}
