export * from './embedding/index';
export * from './errors/index';
export * from './estimator/index';
export * from './governance/index';
export * from './io/index';
export * from './llm/index';
export * from './onnx/index';
export * from './progress/index';
export * from './random/index';
export * from './schema/index';
export type {
  AppendResult,
  Artifact,
  ArtifactInfo,
  DeleteUserReport,
  EventQuery,
  PutArtifactOptions,
  StateOptions,
  Storage,
  StoredEvent,
} from './storage/storage';
export * from './tensor/index';
