import { runFederatedClient } from '../client/client-runner';
import type { ClientOptions, ClientResult } from '../client/client-state';
import type { FederatedTrainer } from '../client/federated-trainer';
import { startCoordinator } from '../coordinator/coordinator';
import type { CoordinatorOptions, FederationResult } from '../coordinator/coordinator-options';
import type { FederationPlan } from '../coordinator/federation-plan';
import { startKeyholder } from '../keyholder/keyholder';
import type { RejectionRecord } from '../protocol/http-server';
import { generateToken } from '../protocol/signing';

export interface LocalFederationOptions {
  plan: FederationPlan;
  /** One trainer per client; client `i` joins as `client-{i + 1}`. */
  trainers: readonly FederatedTrainer[];
  /** More coordinator options (storage, timeouts, events). */
  coordinator?: Omit<CoordinatorOptions, 'plan' | 'clients' | 'keyholder'>;
  /** More options for every client (events, noise, signal; `keyholderUrl` overrides the started key holder's). */
  client?: Omit<ClientOptions, 'coordinatorUrl' | 'credentials' | 'trainer'>;
}

export interface LocalFederationResult {
  /** How the coordinator's run ended. */
  result: FederationResult;
  /** Each client's result, in the order of `trainers`. */
  clients: ClientResult[];
  /** Requests the coordinator refused during the run (from its round log). */
  rejections: RejectionRecord[];
}

/**
 * Runs a whole federation on this machine over real HTTP on 127.0.0.1: a key holder (when the plan
 * is `secure: 'ckks'`), a coordinator, and one client per trainer with fresh random tokens. Every
 * server is closed before it returns, also on failure. For experiments and tests; production runs
 * each role in its own process (`shoppilot federated coordinator|keyholder|client`).
 * `plan.minClients` defaults to the number of trainers.
 */
export async function runLocalFederation(options: LocalFederationOptions): Promise<LocalFederationResult> {
  const clients = options.trainers.map((_, i) => ({ id: `client-${i + 1}`, token: generateToken() }));
  const coordinatorCredentials = { id: 'coordinator', token: generateToken() };
  const keyholder =
    (options.plan.secure ?? 'ckks') === 'ckks'
      ? await startKeyholder({ coordinator: coordinatorCredentials, ckks: options.plan.ckks })
      : undefined;
  try {
    const coordinator = await startCoordinator({
      ...options.coordinator,
      plan: { minClients: clients.length, ...options.plan },
      clients,
      keyholder: keyholder ? { url: keyholder.url, credentials: coordinatorCredentials } : undefined,
    });
    try {
      const results = await Promise.all(
        options.trainers.map((trainer, i) =>
          runFederatedClient({
            ...options.client,
            coordinatorUrl: coordinator.url,
            keyholderUrl: options.client?.keyholderUrl ?? keyholder?.url,
            credentials: clients[i],
            trainer,
          }),
        ),
      );
      const result = await coordinator.done;
      return { result, clients: results, rejections: await coordinator.log.rejections() };
    } finally {
      await coordinator.close();
    }
  } finally {
    await keyholder?.close();
  }
}
