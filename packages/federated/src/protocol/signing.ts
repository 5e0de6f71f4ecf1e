import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidArgumentError } from '@shoppilot/core';

export const CLIENT_HEADER = 'x-shoppilot-client';
export const SIGNATURE_HEADER = 'x-shoppilot-signature';

/** A participant's identity: its id and the secret token it shares with the server it talks to. */
export interface Credentials {
  id: string;
  /** At least 16 characters; hex from `generateToken()` is typical. */
  token: string;
}

/** A fresh random token (32 bytes, hex). */
export function generateToken(): string {
  return randomBytes(32).toString('hex');
}

/** A fresh nonce (16 bytes, hex). */
export function generateNonce(): string {
  return randomBytes(16).toString('hex');
}

export function checkCredentials(credentials: Credentials, argument = 'credentials'): void {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(credentials?.id ?? '')) {
    throw new InvalidArgumentError({
      argument: `${argument}.id`,
      message: 'must be 1-64 characters of letters, digits, . _ -',
      value: credentials?.id,
    });
  }
  if (typeof credentials.token !== 'string' || credentials.token.length < 16) {
    throw new InvalidArgumentError({
      argument: `${argument}.token`,
      message: 'must be a string of at least 16 characters',
    });
  }
}

/** HMAC-SHA256 of a request: method, path, client id and the whole body (whose header holds round, nonce, time). */
export function signRequest(
  token: string,
  request: { method: string; path: string; clientId: string; body: Uint8Array },
): string {
  return createHmac('sha256', token)
    .update(`SPF1 request\n${request.method}\n${request.path}\n${request.clientId}\n`)
    .update(request.body)
    .digest('hex');
}

/** HMAC-SHA256 of a response, bound to the request's nonce so it cannot be replayed to another request. */
export function signResponse(
  token: string,
  response: { requestNonce: string; status: number; body: Uint8Array },
): string {
  return createHmac('sha256', token)
    .update(`SPF1 response\n${response.requestNonce}\n${response.status}\n`)
    .update(response.body)
    .digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function signaturesMatch(expected: string, received: string | undefined): boolean {
  if (typeof received !== 'string' || received.length !== expected.length || !/^[0-9a-f]+$/.test(received))
    return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(received, 'hex'));
}
