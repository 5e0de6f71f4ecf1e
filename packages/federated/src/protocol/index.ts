export { decodeFrame, encodeFrame, type Frame, type FrameLimits } from './frame';
export { type ExchangeOptions, type ExchangeResult, exchange } from './http-client';
export {
  type FrameServerOptions,
  type RejectionRecord,
  type Route,
  startFrameServer,
  type VerifiedRequest,
} from './http-server';
export {
  type BaseRequest,
  baseRequest,
  type DecryptRequest,
  decryptRequest,
  type JoinRequest,
  joinRequest,
  type PollRequest,
  parseHeader,
  pollRequest,
  type RevealRequest,
  revealRequest,
  statusRequest,
  type UpdateRequest,
  updateRequest,
} from './messages';
export { ReplayGuard, type ReplayGuardOptions } from './replay-guard';
export {
  CLIENT_HEADER,
  type Credentials,
  checkCredentials,
  generateNonce,
  generateToken,
  SIGNATURE_HEADER,
  signaturesMatch,
  signRequest,
  signResponse,
} from './signing';
