export {
  type KeyholderEvent,
  type KeyholderHandle,
  type KeyholderOptions,
  startKeyholder,
} from './keyholder';
