import { InvalidArgumentError } from '@shoppilot/core';
import {
  type AggregationRule,
  checkRuleCompatible,
  type SecureAggregation,
} from '../aggregation/aggregation-rule';
import {
  type CkksParameters,
  type ResolvedCkksParameters,
  resolveCkksParameters,
} from '../crypto/ckks-parameters';

/** Differential privacy of the updates: L2 clipping plus Gaussian noise shared out among the clients. */
export interface PrivacyOptions {
  /** L2 bound C of each client's change to the global model. */
  clipNorm: number;
  /** σ: the noise on the sum has standard deviation σ·C. */
  noiseMultiplier: number;
  /** δ of the reported (ε, δ). Default 1e-5. */
  delta?: number;
}

/** What the coordinator runs; sent (minus nothing secret) to every client when it joins. */
export interface FederationPlan {
  /** Run name: the round log and the global model are stored under it. Default `federation`. */
  name?: string;
  /** Rounds to complete. Default 10 (1 for `sum`). */
  rounds?: number;
  /** `fedavg`, `fedprox` (adds the proximal term on the clients) or `sum` (additive statistics). Default `fedavg`. */
  strategy?: 'fedavg' | 'fedprox' | 'sum';
  /** Server rule for parameter strategies. Default `fedavg` (weighted by samples). */
  aggregation?: AggregationRule;
  /** Share trimmed at each end by `trimmed-mean`. Default 0.1. */
  trim?: number;
  /** How updates travel. Default `ckks`. */
  secure?: SecureAggregation;
  /** Local epochs E per round. Default 1. */
  localEpochs?: number;
  /** FedProx μ. Default 0.01 for `fedprox`, 0 otherwise. */
  proximalMu?: number;
  /** Clients selected per round; 0 = every live client. Default 0. */
  clientsPerRound?: number;
  /** Live clients needed before the first round starts (later rounds need `minUpdates`). Default 2. */
  minClients?: number;
  /** Share of the selected clients whose updates complete a round. Default 0.6. */
  quorum?: number;
  /** Fewest updates that complete a round, whatever the share. Default 2. */
  minUpdates?: number;
  /** Deadline of a round from its start, in ms. Default 60,000. */
  roundTimeoutMs?: number;
  /** Deadline for survivors to reveal masks of dropped clients (masking), in ms. Default 15,000. */
  recoveryTimeoutMs?: number;
  /** How long a round waits for enough live clients before the run stops as failed, in ms. Default 600,000. */
  waitForClientsMs?: number;
  /** Attempts of one round before the run stops as failed. Default 3. */
  maxAttempts?: number;
  /** Seed of client selection and of the clients' local randomness. Default 1. */
  seed?: number;
  /** CKKS parameters (secure `ckks`). Defaults: N 8192, [60, 40, 40, 60], 2^40, 128-bit. */
  ckks?: CkksParameters;
  /** Fixed-point fraction bits of masked updates. Default 24. */
  maskFractionBits?: number;
  /** Differential privacy (parameter strategies only). Default none. */
  privacy?: PrivacyOptions;
}

export type ResolvedPlan = Required<Omit<FederationPlan, 'ckks' | 'privacy'>> & {
  ckks: ResolvedCkksParameters;
  privacy?: Required<PrivacyOptions>;
};

/** Fills the defaults and checks every option, naming the one it refuses. */
export function resolvePlan(plan: FederationPlan = {}): ResolvedPlan {
  const strategy = plan.strategy ?? 'fedavg';
  const fail = (argument: string, message: string, value: unknown): never => {
    throw new InvalidArgumentError({ argument: `plan.${argument}`, message, value });
  };
  if (!['fedavg', 'fedprox', 'sum'].includes(strategy))
    fail('strategy', 'must be fedavg, fedprox or sum', strategy);
  const resolved: ResolvedPlan = {
    name: plan.name ?? 'federation',
    rounds: plan.rounds ?? (strategy === 'sum' ? 1 : 10),
    strategy,
    aggregation: plan.aggregation ?? 'fedavg',
    trim: plan.trim ?? 0.1,
    secure: plan.secure ?? 'ckks',
    localEpochs: plan.localEpochs ?? 1,
    proximalMu: plan.proximalMu ?? (strategy === 'fedprox' ? 0.01 : 0),
    clientsPerRound: plan.clientsPerRound ?? 0,
    minClients: plan.minClients ?? 2,
    quorum: plan.quorum ?? 0.6,
    minUpdates: plan.minUpdates ?? 2,
    roundTimeoutMs: plan.roundTimeoutMs ?? 60_000,
    recoveryTimeoutMs: plan.recoveryTimeoutMs ?? 15_000,
    maxAttempts: plan.maxAttempts ?? 3,
    waitForClientsMs: plan.waitForClientsMs ?? 600_000,
    seed: plan.seed ?? 1,
    ckks: resolveCkksParameters(plan.ckks),
    maskFractionBits: plan.maskFractionBits ?? 24,
    privacy: plan.privacy ? { delta: 1e-5, ...plan.privacy } : undefined,
  };
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(resolved.name))
    fail('name', 'must be 1-64 letters, digits, . _ -', resolved.name);
  for (const key of ['rounds', 'localEpochs', 'minClients', 'minUpdates', 'maxAttempts'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 1)
      fail(key, 'must be an integer >= 1', resolved[key]);
  }
  if (!Number.isInteger(resolved.clientsPerRound) || resolved.clientsPerRound < 0)
    fail('clientsPerRound', 'must be an integer >= 0', resolved.clientsPerRound);
  if (!(resolved.quorum > 0 && resolved.quorum <= 1)) fail('quorum', 'must be in (0, 1]', resolved.quorum);
  if (!(resolved.proximalMu >= 0)) fail('proximalMu', 'must be >= 0', resolved.proximalMu);
  if (!(resolved.roundTimeoutMs > 0) || !(resolved.recoveryTimeoutMs > 0))
    fail('roundTimeoutMs', 'timeouts must be > 0', resolved.roundTimeoutMs);
  if (
    !Number.isInteger(resolved.maskFractionBits) ||
    resolved.maskFractionBits < 8 ||
    resolved.maskFractionBits > 40
  ) {
    fail('maskFractionBits', 'must be an integer from 8 to 40', resolved.maskFractionBits);
  }
  if (strategy === 'sum' && resolved.aggregation !== 'fedavg')
    fail('aggregation', 'statistics are summed: robust rules do not apply to `sum`', resolved.aggregation);
  if (strategy === 'sum' && resolved.privacy)
    fail(
      'privacy',
      'clipping needs parameter updates; `sum` statistics have no bounded sensitivity',
      resolved.privacy,
    );
  checkRuleCompatible(resolved.aggregation, resolved.secure);
  const privacy = resolved.privacy;
  if (
    privacy &&
    (!(privacy.clipNorm > 0) || !(privacy.noiseMultiplier > 0) || !(privacy.delta > 0 && privacy.delta < 1))
  ) {
    fail('privacy', 'needs clipNorm > 0, noiseMultiplier > 0 and delta in (0, 1)', privacy);
  }
  return resolved;
}

/** Updates needed to complete a round with `selected` clients. */
export function quorumCount(plan: ResolvedPlan, selected: number): number {
  return Math.min(selected, Math.max(plan.minUpdates, Math.ceil(plan.quorum * selected)));
}
