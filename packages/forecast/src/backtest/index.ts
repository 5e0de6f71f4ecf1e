export {
  type BacktestModel,
  type BacktestOptions,
  type BacktestResult,
  backtest,
  type RefitPolicy,
} from './backtest';
export type { ModelScore } from './score';
export { planWindows, type WindowPlanOptions } from './window-plan';
