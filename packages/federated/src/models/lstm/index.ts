export { type FineTuned, type FineTuneOptions, fineTuneLocally } from './lstm-fine-tune';
export { type InputMoments, lstmInputMoments, standardisersFromMoments } from './lstm-input-scaling';
export { type LocalEpochOptions, trainLocalEpochs } from './lstm-local-epochs';
export {
  flattenShared,
  PRIVATE_LAYERS,
  type SharedWeight,
  sharedLayout,
  unflattenShared,
} from './lstm-parameters';
export {
  createLstmTrainer,
  type LocalFineTuning,
  type LstmTrainer,
  type LstmTrainerOptions,
  lstmClientLayout,
} from './lstm-trainer';
