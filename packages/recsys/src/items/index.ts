export { attributeTokens, categoryTokens, hashTokens, normalise } from './hashed-features';
export {
  ItemEncoder,
  type ItemEncoderOptions,
  MODALITIES,
  type Modality,
  priceBandTokens,
} from './item-encoder';
export {
  type GraphNeighbour,
  type GraphNodeKind,
  type GraphRelation,
  ItemGraph,
  type ItemGraphOptions,
  topItems,
} from './item-graph';
export { principalComponents, project, randomProjection } from './projection';
export {
  type PersonalizedPageRankOptions,
  personalizedPageRank,
  type Rp3BetaOptions,
  rp3betaScores,
  similarItems,
} from './random-walks';
