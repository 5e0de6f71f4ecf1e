export { calendarLookup, carryForward, fillDesignRow, forEachDesignRow } from './design-rows';
export { buildRidgeForecaster, holdoutErrors, interceptsOf } from './ridge-forecaster-state';
export { type CutoffMoments, type RidgeMoments, ridgeMoments, type SeriesSums } from './ridge-moments';
export { type FederatedRidgeOptions, type RidgeDesignSpec, ridgeDesignSpec } from './ridge-spec';
export {
  choleskySolve,
  cutoffStatisticsLength,
  packCutoff,
  type RidgeSolution,
  solveFromStatistics,
} from './ridge-statistics';
export {
  createRidgeProximalTrainer,
  createRidgeStatisticsTrainer,
  type RidgeTrainer,
} from './ridge-trainers';
