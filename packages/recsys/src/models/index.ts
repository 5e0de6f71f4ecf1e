export { type AlsOptions, AlsRecommender } from './als';
export {
  BaseRecommender,
  type RecommenderState,
  restoreRecommender,
  type StoredHistories,
} from './base-recommender';
export { addStandardised, type BlendComponent, type BlendOptions, BlendRecommender } from './blend';
export { type BprOptions, BprRecommender } from './bpr';
export { type EaseOptions, EaseRecommender, easeWeights } from './ease';
export { conjugateGradient, type FactorModel, foldInUser } from './factor-model';
export { historyWeights } from './history-weights';
export { type ItemKnnOptions, ItemKnnRecommender, knnNeighbours, neighbourScores } from './item-knn';
export { type ItemSimilarityOptions, itemSimilarity, type SparseNeighbours } from './item-similarity';
export { DAY_MS, type PopularityOptions, PopularityRecommender } from './popularity';
export type { Recommendation, Recommender, RecommendOptions, ScoredItem, UserQuery } from './recommender';
export { createRecommender, loadRecommender, recommenderKinds, registerRecommender } from './registry';
export { SasRecRecommender } from './sasrec/sasrec';
export type { SasRecOptions } from './sasrec/sasrec-options';
export { fitPriorWeight, type SasRecPriorOptions } from './sasrec/sasrec-prior';
export { type TimeAvailabilityOptions, TimeAvailabilityRecommender } from './time-availability';
export { type WeightedEaseOptions, WeightedEaseRecommender } from './weighted-ease';
export { addKernelGram, type EntryValue, ratingConfidence } from './weighted-gram';
