export {
  type AllocateBudgetOptions,
  allocateBudget,
  type BudgetAllocation,
  type ChannelBudget,
} from './allocate-budget';
export { type BudgetConstraints, splitBudget, validateBudgetConstraints } from './allocation';
export { ArmStatistics, type ArmStatisticsOptions } from './arm-statistics';
export { type BudgetPolicyName, budgetPolicyNames, createBudgetPolicy } from './budget-policies';
export {
  type BudgetSimulationResult,
  type PolicySimulationResult,
  type SimulateBudgetOptions,
  simulateBudgetScenario,
} from './budget-simulator';
export { EpsilonGreedy, type EpsilonGreedyOptions } from './epsilon-greedy';
export {
  evaluatePolicyOffline,
  type LoggedDecision,
  normalQuantile,
  type OffPolicyEstimates,
  type OffPolicyOptions,
  type PolicyValueEstimate,
} from './off-policy';
export { argmax, type BanditPolicy, oneHot, selectBatch } from './policy';
export { regretGrowthExponent } from './regret-growth';
export {
  type BudgetScenario,
  budgetScenarioSchema,
  channelRoas,
  parseBudgetScenario,
  type ScenarioChannel,
  type ScenarioInput,
} from './scenario';
export { type ThompsonModel, ThompsonSampling, type ThompsonSamplingOptions } from './thompson-sampling';
export { Ucb1, type Ucb1Options } from './ucb1';
