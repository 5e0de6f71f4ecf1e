export {
  checkShape,
  initialParameters,
  layerSizes,
  type MlpShape,
  mseAndGradient,
  parameterCount,
  predictMlp,
} from './mlp-network';
export { createMlpTrainer, type MlpTrainerOptions, type RegressionData, trainEpochs } from './mlp-trainer';
export { panelRegressionData } from './panel-regression-data';
