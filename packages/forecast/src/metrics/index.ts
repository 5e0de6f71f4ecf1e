export { mae, mape, mase, naiveScale, rmse, rmsse, smape, wape } from './point-metrics';
export { intervalCoverage, pinballLoss } from './quantile-metrics';
