import type { LongRunningOptions, Storage } from '@shoppilot/core';
import type { Credentials } from '../protocol/signing';
import type { FederationPlan } from './federation-plan';
import type { RoundLogEntry } from './round-log';

/** What the coordinator reports as it runs (library code never prints: the CLI and the example do). */
export type CoordinatorEvent =
  | { type: 'listening'; url: string }
  | { type: 'resumed'; lastCompletedRound: number }
  | { type: 'client-joined'; clientId: string; samples: number }
  | { type: 'round-started'; round: number; attempt: number; selected: string[]; deadline: number }
  | { type: 'update-accepted'; round: number; clientId: string; bytes: number }
  | { type: 'recovery-started'; round: number; dropped: string[] }
  | { type: 'round-completed'; entry: RoundLogEntry }
  | { type: 'round-failed'; entry: RoundLogEntry }
  | { type: 'rejected'; clientId?: string; reason: string; message: string; path: string }
  | { type: 'finished'; status: 'completed' | 'failed'; lastCompletedRound: number };

export interface CoordinatorOptions extends LongRunningOptions {
  plan?: FederationPlan;
  /** Registered clients and their tokens (nobody else may join). */
  clients: readonly Credentials[];
  /** Where the round log, rejections and global models live: a core `Storage` or a URL for `createStorage`. Default `memory:`. */
  storage?: Storage | string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** The key holder (CKKS): its URL and the coordinator's credentials there. */
  keyholder?: { url: string; credentials: Credentials };
  /** How long a poll is held before answering `wait`, in ms. Default 10,000. */
  pollTimeoutMs?: number;
  /** A client not heard from for this long is not selected, in ms. Default 30,000. */
  livenessMs?: number;
  /** Largest clock difference accepted in signed messages, in ms. Default 300,000. */
  maxSkewMs?: number;
  onEvent?: (event: CoordinatorEvent) => void;
  /** Sees every request body the coordinator receives (audits; the raw-data test). */
  onReceive?: (info: { path: string; clientId?: string; body: Uint8Array }) => void;
}

/** How a run ended. */
export interface FederationResult {
  status: 'completed' | 'failed';
  lastCompletedRound: number;
  global?: Float64Array;
  rounds: RoundLogEntry[];
}
