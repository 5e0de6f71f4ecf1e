import {
  createMlpTrainer,
  type FederatedTrainer,
  type MlpTrainerOptions,
  type RegressionData,
} from '@shoppilot/federated';

/** The demand network every party uses: one hidden layer of 16, Adam, shared seeded start. */
export const MLP_OPTIONS: MlpTrainerOptions = {
  hidden: [16],
  optimizer: 'adam',
  learningRate: 0.002,
  batchSize: 64,
  seed: 11,
};

/**
 * The package's MLP trainer, reporting with each update how the model it received (the global
 * model after the previous round) and the local-only model score on this warehouse's validation
 * weeks: the coordinator's round log then holds the training curve.
 */
export function curveReportingTrainer(train: RegressionData, validation: RegressionData): FederatedTrainer {
  const inner = createMlpTrainer(train, MLP_OPTIONS, validation);
  return {
    updateKind: inner.updateKind,
    parameterCount: inner.parameterCount,
    sampleCount: inner.sampleCount,
    layoutHash: inner.layoutHash,
    async train(global, options) {
      const before = global ? await inner.evaluate(global) : {};
      const update = await inner.train(global, options);
      const metrics: Record<string, number> = { ...update.metrics };
      if (before.federatedValLoss !== undefined) metrics.previousGlobalValLoss = before.federatedValLoss;
      if (before.localValLoss !== undefined) metrics.previousLocalValLoss = before.localValLoss;
      return { ...update, metrics };
    },
    evaluate: (global) => inner.evaluate(global),
  };
}
