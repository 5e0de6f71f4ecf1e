export { compareCodePoints, prefixUpperBound } from './code-point-order';
export { type CreateStorageOptions, createStorage } from './create-storage';
export { canonicalContext, deriveEventId } from './event-id';
export { MemoryStorage } from './memory-storage';
export { PostgresStorage, type PostgresStorageOptions } from './postgres-storage';
export { prepareEvents } from './prepare-events';
export { SqliteStorage, type SqliteStorageOptions } from './sqlite-storage';
export type {
  AppendOptions,
  AppendResult,
  Artifact,
  ArtifactInfo,
  DeleteUserReport,
  EventQuery,
  PutArtifactOptions,
  StateOptions,
  Storage,
  StoredEvent,
} from './storage';
