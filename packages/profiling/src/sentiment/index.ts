export { type Aspect, type AspectHint, aspectHints, DEFAULT_ASPECT_KEYWORDS } from './aspects';
export {
  type BinaryClassificationReport,
  binaryClassificationReport,
  hashString,
  isTestRow,
} from './classification-metrics';
export { Featurizer } from './featurizer';
export { type LexiconHit, type LexiconScore, LexiconScorer, mergeLexicons } from './lexicon-scorer';
export { CHINESE_LEXICON, ENGLISH_LEXICON, type SentimentLexicon } from './lexicons';
export {
  classifySentimentWithLlm,
  type LlmSentiment,
  type LlmSentimentOptions,
  type LlmSentimentResult,
  llmSentimentSchema,
} from './llm-sentiment';
export {
  fitNbLogistic,
  interpolate,
  logCountRatios,
  type NbLogisticFitOptions,
  type SparseLinearModel,
} from './nb-logistic';
export { fitNbSvm, type NbSvmFit, type NbSvmFitOptions } from './nb-svm';
export { SentimentClassifier, type SentimentClassifierOptions } from './sentiment-classifier';
export {
  fitMember,
  fitStacked,
  marginsOf,
  resolveMembers,
  type SentimentMemberOptions,
  type StackedFit,
  type StackOptions,
} from './sentiment-members';
export type { SentimentClassifierState, SentimentWeights } from './sentiment-state';
export { StackedScorer } from './stacked-scorer';
export { fitStackingWeights, type StackingWeights, selectRows, stackingFolds } from './stacking';
export {
  detectLanguage,
  featurize,
  normalizeText,
  type ResolvedTextOptions,
  resolveTextOptions,
  type SparseRows,
  type TextFeatureOptions,
  type TextLanguage,
  textFeatureIds,
} from './text-features';
export { VaderScorer } from './vader-scorer';
