export {
  type ColdStartData,
  type ColdStartOptions,
  type ColdStartRecommendation,
  ColdStartRecommender,
  type ColdStartRequest,
} from './cold-start';
export { type PopularityTables, popularityTables, priorScores } from './segment-popularity';
