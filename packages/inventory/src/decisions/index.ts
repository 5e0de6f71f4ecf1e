export { type IssuedOrders, issueOrders, type OrderApprovalOptions, orderApprovalGate } from './approval';
export { type CsvTable, parseCsv, toCsv } from './csv';
export { decisionsToCsv, decisionsToJson } from './decision-output';
export {
  forecastIssues,
  levelFromColumn,
  parseForecastCsv,
  type QuantileBandLike,
  type QuantileForecastLike,
} from './forecast-input';
export { periodWeights, type QuantileAggregation, type WindowDemand, windowDemand } from './lead-time-demand';
export { ORDER_ACTIONS, type OrderBatch, planOrders } from './order-batch';
export {
  type OrderAction,
  type OrderDecision,
  type ReplenishOptions,
  type ReplenishResult,
  replenish,
} from './replenish';
export { type PlanSettings, planSku, position, type ReplenishPolicy, type SkuPlan } from './sku-plan';
export { parseStockCsv, type StockRecord, stockRecordIssues, validateStockRecords } from './stock-input';
