export type { FederatedTrainer, LocalTrainingOptions, LocalUpdate, UpdateKind } from './federated-trainer';
