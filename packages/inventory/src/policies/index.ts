export {
  allocateBudget,
  applyOrderConstraints,
  type BudgetLine,
  type ConstrainedOrder,
  type OrderConstraints,
} from './constraints';
export {
  type EoqBackorderResult,
  type EoqInput,
  type EoqResult,
  economicOrderQuantity,
  economicOrderQuantityWithBackorders,
  eoqBackorderCost,
  eoqCost,
} from './eoq';
export {
  type NewsvendorCosts,
  type NewsvendorResult,
  newsvendor,
  newsvendorCost,
  newsvendorNormal,
} from './newsvendor';
export {
  type OrderLevels,
  type OrderRule,
  orderQuantity,
  type PeriodicReviewInput,
  periodicReviewOrderUpTo,
  sSFromRQ,
} from './order-rules';
export { optimizeRQ, type RQInput, type RQResult, rqCost, rqLevelCost } from './r-q';
export {
  type RuleOfThumbAction,
  type RuleOfThumbInput,
  type RuleOfThumbMode,
  type RuleOfThumbResult,
  ruleOfThumb,
} from './rule-of-thumb';
export {
  fillRateOfNormalReorderPoint,
  type LeadTimeDemandInput,
  type LeadTimeDemandMoments,
  leadTimeDemand,
  levelForCycleService,
  levelForFillRate,
  type QuantileLevelResult,
  type SafetyStockResult,
  safetyStockForCycleService,
  safetyStockForFillRate,
} from './safety-stock';
