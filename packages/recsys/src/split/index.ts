export { type LeaveOneOutOptions, leaveOneOutSplit } from './leave-one-out';
export { Mt19937 } from './mt19937';
export type { Protocol, ProtocolName, Split } from './protocol';
export { type StratifiedSplitOptions, stratifiedSplit } from './stratified-split';
export { type TimeSplitOptions, timeSplit } from './time-split';
