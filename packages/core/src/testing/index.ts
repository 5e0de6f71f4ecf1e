export { type DescribeEstimatorOptions, describeEstimator } from './describe-estimator';
export { expectDeepClose } from './expect-deep-close';
export { type MockAnswer, MockLanguageModel, type MockLanguageModelOptions } from './mock-language-model';
export {
  type ChatRequestBody,
  chatCompletion,
  type OpenAICompatibleTestServer,
  type OpenAICompatibleTestServerOptions,
  type RecordedRequest,
  type ScriptedResponse,
  startOpenAICompatibleServer,
  type TestServerRoute,
} from './openai-compatible-server';
export {
  describeStorageConformance,
  type GenerateTestEventsOptions,
  generateTestEvents,
  HOSTILE_STRINGS,
  type PostgresTestEnv,
  postgresTestEnv,
  type StorageConformanceOptions,
  uniqueSchemaName,
  withSchema,
} from './storage/index';
