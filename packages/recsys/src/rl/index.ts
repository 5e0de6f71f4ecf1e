export { DqnRecommender, type Policy } from './dqn';
export type { DqnOptions } from './dqn-options';
export { evaluatePolicy, type PolicyEvaluation, pairedDifference } from './evaluate-policy';
export { type FitSimulatorOptions, fitUserSimulator, type SimulatorReport } from './fit-simulator';
export { Mlp } from './mlp';
export { type NStepTransition, nStepTransitions, type RecordedStep } from './n-step';
export {
  candidateItems,
  featureCount,
  featureVector,
  type Observation,
  observe,
  stateFeatureCount,
  summaryFeatureCount,
} from './observation';
export { type LoggedDecision, type OffPolicyEstimate, offPolicyEstimate } from './off-policy';
export {
  greedyValue,
  type RolloutPlannerOptions,
  rolloutPlanner,
  rolloutValues,
  type TrueModelPolicy,
  trueGreedyAction,
  trueGreedyPolicy,
} from './planner';
export { type MlpState, QNetwork } from './q-network';
export { ReplayBuffer } from './replay-buffer';
export {
  DEFAULT_SIMULATOR_SETTINGS,
  type RewardDefinition,
  type SimulatedItem,
  type SimulatedSession,
  type SimulatorSettings,
  type StepOutcome,
  UserSimulator,
} from './user-simulator';
