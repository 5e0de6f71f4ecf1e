export { ChurnClassifier, type ChurnClassifierOptions } from './churn-classifier';
export {
  holdoutChurnLabels,
  type LifecycleAssignment,
  type LifecycleCustomer,
  type LifecycleOptions,
  type LifecycleStage,
  lifecycleActions,
  lifecycleStage,
} from './lifecycle';
export {
  choleskySolve,
  fitLogistic,
  type LogisticFit,
  type LogisticOptions,
  predictLogistic,
} from './logistic-regression';
