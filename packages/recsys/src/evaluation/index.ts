export {
  type EvaluateOptions,
  type EvaluationMetrics,
  type EvaluationResult,
  evaluateRecommender,
} from './evaluate';
