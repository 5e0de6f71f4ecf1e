export { AdapterError, type AdapterErrorReason } from './adapter-error';
export { DimensionMismatchError } from './dimension-mismatch-error';
export {
  describeReceived,
  formatIssue,
  type InputIssue,
  type InputLocation,
  InputValidationError,
} from './input-validation-error';
export { InvalidArgumentError } from './invalid-argument-error';
export { InvalidModelJsonError } from './invalid-model-json-error';
export { MissingDependencyError } from './missing-dependency-error';
export { NotFittedError } from './not-fitted-error';
export { ShopPilotError, type ShopPilotErrorOptions } from './shoppilot-error';
