export { CkksKeyCache } from './ckks-key-cache';
export { runFederatedClient } from './client-runner';
export type { ClientEvent, ClientOptions, ClientResult } from './client-state';
export type { FederatedTrainer, LocalTrainingOptions, LocalUpdate, UpdateKind } from './federated-trainer';
export type { TaskHeader } from './task-handler';
export { encodeUpdate, prepareUpdateValues, type TaskEncoding } from './update-encoding';
