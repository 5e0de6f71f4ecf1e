export { type ContextRanking, type ContextRankingOptions, rankForContext } from './context-ranking';
export {
  type CandidateFeatures,
  ContextReranker,
  type ContextRerankerOptions,
  hashedFeatures,
  type RerankExample,
} from './context-reranker';
export { applyMerchantRules, type MerchantRule, ruleApplies } from './merchant-rules';
export { type PresentationHint, presentationHint } from './presentation';
export {
  contextFeatures,
  contextTime,
  type Daypart,
  daypartOf,
  type RankingContext,
} from './ranking-context';
