import type { LongRunningOptions } from '@shoppilot/core';
import type { CkksParameters } from '../crypto/ckks-parameters';
import type { MaskingKeyPair } from '../crypto/pairwise-masking';
import type { GaussianSource } from '../privacy/clip-and-noise';
import type { Frame } from '../protocol/frame';
import type { ExchangeOptions } from '../protocol/http-client';
import type { Credentials } from '../protocol/signing';
import type { CkksKeyCache } from './ckks-key-cache';
import type { FederatedTrainer } from './federated-trainer';

export type ClientEvent =
  | { type: 'joined'; lastCompletedRound: number }
  | { type: 'task'; round: number; attempt: number }
  | { type: 'update-sent'; round: number; bytes: number; metrics: Record<string, number> }
  | { type: 'update-refused'; round: number; reason: string }
  | { type: 'skipped'; round: number; reason: string }
  | { type: 'revealed'; round: number; dropped: string[] }
  | { type: 'retry'; reason: string; delayMs: number }
  | { type: 'done'; status: string; round: number; metrics: Record<string, number> };

export interface ClientOptions extends LongRunningOptions {
  coordinatorUrl: string;
  credentials: Credentials;
  trainer: FederatedTrainer;
  /** CKKS: the key holder to fetch the public key from (never through the coordinator). */
  keyholderUrl?: string;
  /** CKKS: pinned SHA-256 of the expected public key. Default: trust the key holder's. */
  keyFingerprint?: string;
  /** Masking: this client's X25519 key pair. Default: a fresh one. */
  maskingKeys?: MaskingKeyPair;
  /** Differential-privacy noise source. Default `secureGaussian()`. */
  noise?: GaussianSource;
  /** Called after training, before the update is sent (tests use it to be slow). */
  beforeUpdate?: (info: { round: number }) => Promise<void> | void;
  /** Gives up after this long without reaching the coordinator, in ms. Default 120,000. */
  giveUpAfterMs?: number;
  onEvent?: (event: ClientEvent) => void;
}

export interface ClientResult {
  status: 'completed' | 'failed' | 'unreachable';
  lastCompletedRound: number;
  /** The final global vector the coordinator published. */
  global?: Float64Array;
  /** The trainer's evaluation of the final global vector (and its local-only model). */
  metrics: Record<string, number>;
  /** Rounds this client sent an accepted update to. */
  contributed: number[];
  bytes: { sent: number; received: number };
}

/** @internal What the client loop and its task handlers share. */
export interface ClientState {
  options: ClientOptions;
  keys: MaskingKeyPair;
  ckks: CkksKeyCache;
  /** Masking round keys by round attempt id, then by peer (kept for dropout recovery). */
  roundKeys: Map<string, Map<string, Uint8Array>>;
  result: ClientResult;
  /** The plan the coordinator sent at join (CKKS parameters are read from it). */
  plan?: { ckks?: CkksParameters };
  /** Per-client offset of the round seed (local shuffles differ between clients). */
  seedOffset: number;
  send(
    path: string,
    header: { type: string } & Record<string, unknown>,
    blobs?: Uint8Array[],
    extra?: ExchangeOptions,
  ): Promise<Frame<Record<string, unknown>>>;
}
