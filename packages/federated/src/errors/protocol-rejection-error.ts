import { ShopPilotError } from '@shoppilot/core';

const marker = 'shoppilot.error.ProtocolRejectionError';
const symbol = Symbol.for(marker);

/** Why a coordinator, key holder or client refused a message. Logged with every rejection. */
export type RejectionReason =
  | 'unknown-client'
  | 'bad-signature'
  | 'replay'
  | 'stale-timestamp'
  | 'malformed'
  | 'too-large'
  | 'wrong-size'
  | 'bad-ciphertext'
  | 'not-selected'
  | 'stale-round'
  | 'late'
  | 'duplicate'
  | 'layout-mismatch'
  | 'not-found'
  | 'refused';

const STATUS: Record<RejectionReason, number> = {
  'unknown-client': 401,
  'bad-signature': 401,
  replay: 409,
  'stale-timestamp': 401,
  malformed: 400,
  'too-large': 413,
  'wrong-size': 400,
  'bad-ciphertext': 400,
  'not-selected': 403,
  'stale-round': 409,
  late: 409,
  duplicate: 409,
  'layout-mismatch': 409,
  'not-found': 404,
  refused: 403,
};

/** A federated message was refused; `reason` is a stable code, `message` the human detail. */
export class ProtocolRejectionError extends ShopPilotError {
  readonly [symbol] = true;
  readonly reason: RejectionReason;
  /** HTTP status used when the rejection is sent back. */
  readonly status: number;

  constructor({ reason, message, cause }: { reason: RejectionReason; message: string; cause?: unknown }) {
    super({ message: `${reason}: ${message}`, cause });
    this.name = 'ProtocolRejectionError';
    this.reason = reason;
    this.status = STATUS[reason];
  }

  static override isInstance(error: unknown): error is ProtocolRejectionError {
    return ShopPilotError.hasMarker(error, marker);
  }
}

/** Shorthand used by validators. */
export function reject(reason: RejectionReason, message: string, cause?: unknown): never {
  throw new ProtocolRejectionError({ reason, message, cause });
}
