export { type EventTable, EventTableBuilder, eventAt, eventTableFromEvents, TYPE_CODE } from './event-table';
export {
  eventTableFromStorage,
  streamUserSequences,
  type UserSequence,
  type UserSequenceOptions,
} from './from-storage';
export { type TransactionEventOptions, transactionsToEvents } from './from-transactions';
export {
  DEFAULT_SESSION_GAP_MS,
  type Session,
  sessionizeTable,
  sessionsOf,
  type TableSessions,
} from './sessions';
