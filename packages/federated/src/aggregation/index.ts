export {
  AGGREGATION_RULES,
  type AggregationRule,
  aggregatePlaintext,
  checkRuleCompatible,
  SECURE_AGGREGATIONS,
  type SecureAggregation,
} from './aggregation-rule';
export { totalWeight, type WeightedVector, weightedAverage, weightedSum } from './fedavg';
export { coordinateMedian, trimmedMean } from './robust';
