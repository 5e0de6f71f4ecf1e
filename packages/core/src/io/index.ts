export { type CoerceOptions, type CoerceResult, coerceValue, parseNumberText } from './coerce';
export { type MappingOptions, normalizeName } from './column-binding';
export { type FieldKind, fieldsFromSchema, type SchemaFields } from './field-kinds';
export {
  type DataSource,
  formatFromName,
  type ReadFormat,
  type ReadSource,
  type SourceOptions,
} from './open-source';
export { EVENT_COLUMN_SYNONYMS, EVENT_TYPE_ALIASES, readEvents } from './read-events';
export { ITEM_COLUMN_SYNONYMS, readItems } from './read-items';
export { type ReadRecordsOptions, type ReadSchemaOptions, readRecords } from './read-records';
export { REVIEW_COLUMN_SYNONYMS, readReviews } from './read-reviews';
export type { ReadSummary, Rejection } from './read-summary';
export { readTransactions, TRANSACTION_COLUMN_SYNONYMS } from './read-transactions';
export type { MapperOptions } from './record-mapper';
export { type ReadOptions, RecordReader } from './record-reader';
export {
  describeTimestampFormat,
  detectTimestampFormat,
  parseIsoTimestamp,
  parseTimestampAs,
  type ResolvedTimestampFormat,
  type TimestampFormat,
  TimestampParser,
  type TimestampResult,
} from './timestamp';
export {
  describeZodIssue,
  formatFieldPath,
  inputIssuesFromZod,
  type SafeValidateResult,
  safeValidateInput,
  type ValidateRecordsOptions,
  validateInput,
  validateRecords,
} from './validation';
