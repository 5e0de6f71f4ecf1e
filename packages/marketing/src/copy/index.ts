export { chinaAdLawAbsoluteTerms } from './ad-law-terms';
export {
  type BrandVoice,
  type HistoricalCopy,
  learnBrandVoice,
  performanceScore,
  selectExamples,
} from './brand-voice';
export {
  type ChannelSpec,
  type CopyChannel,
  type CopyLanguage,
  channelMaxLength,
  channelSpecs,
  copyChannels,
  copyLanguages,
  copyLength,
  smsOptOut,
} from './channels';
export {
  type ComplianceOptions,
  type CopyCheck,
  checkCompliance,
  checkFormat,
  checkLength,
} from './compliance';
export {
  type CopyResult,
  type CopyVariant,
  copyDraftSchema,
  copyResultJsonSchema,
  copyResultSchema,
} from './copy-schema';
export { COPY_TASK, type CopyTaskInput, copyTemplates } from './copy-templates';
export { checkFacts, type FactCheckResult, parseAmount } from './fact-check';
export {
  type CopyBrief,
  type GenerateCopyOptions,
  generateCopy,
  runChecks,
  withCopyTemplates,
} from './generate-copy';
export { type PhraseBook, phraseBooks } from './phrase-book';
export { normaliseFacts, type ProductFacts } from './product-facts';
export { fillSlots, formatDate, formatDiscount, formatPrice } from './slots';
export { CopyVariantTest } from './variant-test';
