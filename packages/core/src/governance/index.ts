export { ApprovalGate, type ApprovalGateOptions, type ReviewInput } from './approval-gate';
export { createDecision, type Decision, type DecisionModel, type DecisionStatus } from './decision';
export { type FallbackResult, type WithFallbackOptions, withFallback } from './with-fallback';
