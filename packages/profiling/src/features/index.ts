export {
  categoryMedians,
  extractUserFeatures,
  type UserFeatureOptions,
  type UserFeatures,
} from './extract-user-features';
export {
  BASE_FEATURE_NAMES,
  type BaseFeatureName,
  FEATURE_DEFINITIONS,
  mixFormula,
} from './feature-definitions';
export {
  type FillMissingResult,
  featureColumn,
  featureRecord,
  fillMissing,
  selectFeatures,
} from './feature-matrix';
export {
  DEFAULT_RFM_SEGMENTS,
  type RfmOptions,
  type RfmResult,
  type RfmSegmentRule,
  rankScores,
  rfmSegments,
} from './rfm';
