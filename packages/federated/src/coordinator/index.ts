export { ClientRegistry } from './client-registry';
export { type CoordinatorHandle, startCoordinator } from './coordinator';
export type { CoordinatorEvent, CoordinatorOptions, FederationResult } from './coordinator-options';
export {
  type FederationPlan,
  type PrivacyOptions,
  quorumCount,
  type ResolvedPlan,
  resolvePlan,
} from './federation-plan';
export { type ClientRecord, RoundLog, type RoundLogEntry, type RunProgress } from './round-log';
