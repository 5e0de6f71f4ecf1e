export {
  fitLogistic,
  LogisticRegression,
  type LogisticRegressionOptions,
  type LogisticRegressionState,
} from './logistic-regression';
