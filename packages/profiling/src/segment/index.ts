export { type ChooseKOptions, type ChooseKResult, chooseK, type KScore } from './choose-k';
export { calinskiHarabaszScore, daviesBouldinScore, silhouetteScore } from './cluster-metrics';
export { GaussianMixture, type GaussianMixtureState } from './gaussian-mixture';
export { type GaussianMixtureOptions, type GaussianMixtureResult, gaussianMixture } from './gmm';
export { assignLabels, type KMeansOptions, type KMeansResult, kmeans, kmeansPlusPlus, lloyd } from './kmeans';
export { KMeans, type KMeansState, MiniBatchKMeans } from './kmeans-estimator';
export { type Matrix, type MatrixInput, matrixRows, toMatrix } from './matrix';
export { type MiniBatchKMeansOptions, miniBatchKMeans } from './minibatch-kmeans';
export {
  assignPersonas,
  DEFAULT_PERSONAS,
  type PersonaCondition,
  type PersonaEvidence,
  type PersonaMatch,
  type PersonaRule,
  type UserPersonas,
} from './personas';
export {
  applyScaling,
  robustStatistics,
  Scaler,
  type ScalerOptions,
  type ScalerState,
  standardStatistics,
} from './scaling';
