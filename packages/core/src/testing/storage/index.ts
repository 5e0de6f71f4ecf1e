export type { StorageConformanceOptions } from './conformance-context';
export { describeStorageConformance } from './describe-storage-conformance';
export { type PostgresTestEnv, postgresTestEnv, uniqueSchemaName, withSchema } from './postgres-test-env';
export { HOSTILE_STRINGS } from './state-tests';
export { type GenerateTestEventsOptions, generateTestEvents } from './test-events';
