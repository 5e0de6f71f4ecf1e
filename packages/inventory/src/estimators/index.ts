export { checkDemandFit, type DemandFit, type DemandModel, fitDemand, protectionDemand } from './demand-fit';
export { NewsvendorPolicy, type NewsvendorPolicyOptions } from './newsvendor-policy';
export { RuleOfThumbPolicy, type RuleOfThumbPolicyOptions } from './rule-of-thumb-policy';
export {
  StockPolicy,
  type StockPolicyDecision,
  type StockPolicyOptions,
  type StockPosition,
} from './stock-policy';
