export { type DqnOptions, DqnRecommender, type Policy } from './dqn';
export { evaluatePolicy, type PolicyEvaluation, pairedDifference } from './evaluate-policy';
export { type FitSimulatorOptions, fitUserSimulator, type SimulatorReport } from './fit-simulator';
export { Mlp } from './mlp';
export { candidateItems, featureCount, featureVector, type Observation, observe } from './observation';
export { type LoggedDecision, type OffPolicyEstimate, offPolicyEstimate } from './off-policy';
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
