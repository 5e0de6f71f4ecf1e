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
 * response throws `ProtocolRejectionError` with the server's reason. Network errors propagate.
 */
export async function exchange(
  baseUrl: string,
  path: string,
  credentials: Credentials | undefined,
  message: { header: { type: string } & Record<string, unknown>; blobs?: readonly Uint8Array[] },
  options: ExchangeOptions = {},
): Promise<ExchangeResult> {
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
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 120_000);
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    body,
    headers,
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
  });
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
