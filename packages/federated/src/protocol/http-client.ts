import { ProtocolRejectionError, type RejectionReason } from '../errors/protocol-rejection-error';
import { decodeFrame, encodeFrame, type Frame } from './frame';
import {
  CLIENT_HEADER,
  type Credentials,
  generateNonce,
  SIGNATURE_HEADER,
  signaturesMatch,
  signRequest,
  signResponse,
} from './signing';

export interface ExchangeOptions {
  /** Per-request timeout in ms. Default 120,000. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ExchangeResult {
  frame: Frame<Record<string, unknown>>;
  /** Request body bytes sent. */
  sentBytes: number;
  /** Response body bytes received. */
  receivedBytes: number;
}

/**
 * POSTs a signed frame and returns the verified response frame. The header gets `clientId`, a fresh
 * `nonce` and `timestamp`; a response must carry a valid HMAC bound to that nonce. A `rejected`
 * response throws `ProtocolRejectionError` with the server's reason. Network errors propagate,
 * except one: a pooled keep-alive connection that turns out dead is retried once (see `post`).
 */
export async function exchange(
  baseUrl: string,
  path: string,
  credentials: Credentials | undefined,
  message: { header: { type: string } & Record<string, unknown>; blobs?: readonly Uint8Array[] },
  options: ExchangeOptions = {},
): Promise<ExchangeResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 120_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let sent: Awaited<ReturnType<typeof post>>;
  try {
    sent = await post(baseUrl, path, credentials, message, signal);
  } catch (error) {
    if (signal.aborted || !isDeadConnection(error)) throw error;
    // Signed again with a fresh nonce: if the first copy did arrive, the server answers `duplicate`.
    sent = await post(baseUrl, path, credentials, message, signal);
  }
  const { response, nonce, body } = sent;
  const received = new Uint8Array(await response.arrayBuffer());
  const signature = response.headers.get(SIGNATURE_HEADER) ?? undefined;
  if (credentials && (response.ok || signature)) {
    const expected = signResponse(credentials.token, {
      requestNonce: nonce,
      status: response.status,
      body: received,
    });
    if (!signaturesMatch(expected, signature)) {
      throw new ProtocolRejectionError({
        reason: 'bad-signature',
        message: `response of ${path} is not signed by the server`,
      });
    }
  }
  const frame = decodeFrame(received) as Frame<Record<string, unknown>>;
  if (frame.header.type === 'rejected' || !response.ok) {
    throw new ProtocolRejectionError({
      reason: (frame.header.reason as RejectionReason) ?? 'refused',
      message: `server refused ${path}: ${String(frame.header.message ?? response.status)}`,
    });
  }
  return { frame, sentBytes: body.length, receivedBytes: received.length };
}

/**
 * One signed POST. Yields to the event loop first: after a long synchronous spell (training,
 * encryption) the close of an idle keep-alive socket by the server is still unread, and fetch
 * would write the request onto that dead socket ("other side closed").
 */
async function post(
  baseUrl: string,
  path: string,
  credentials: Credentials | undefined,
  message: { header: { type: string } & Record<string, unknown>; blobs?: readonly Uint8Array[] },
  signal: AbortSignal,
) {
  await new Promise((resolve) => setImmediate(resolve));
  const nonce = generateNonce();
  const clientId = credentials?.id ?? 'anonymous';
  const header = { ...message.header, clientId, nonce, timestamp: Date.now() };
  const body = encodeFrame({ header, blobs: [...(message.blobs ?? [])] });
  const headers: Record<string, string> = {
    'content-type': 'application/octet-stream',
    [CLIENT_HEADER]: clientId,
  };
  if (credentials)
    headers[SIGNATURE_HEADER] = signRequest(credentials.token, { method: 'POST', path, clientId, body });
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', body, headers, signal });
  return { response, nonce, body };
}

/** fetch's error when a reused connection was closed or reset under it (not a refused connection). */
function isDeadConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return error instanceof TypeError && ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'].includes(cause?.code ?? '');
}
