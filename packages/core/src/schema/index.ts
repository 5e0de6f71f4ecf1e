export {
  BEHAVIOR_TYPES,
  type BehaviorEvent,
  type BehaviorType,
  behaviorEventSchema,
  type EventContext,
  eventContextSchema,
} from './behavior-event';
export { type Item, type ItemInput, itemSchema } from './item';
export { type Review, reviewSchema } from './review';
export { type Transaction, type TransactionInput, transactionSchema } from './transaction';
