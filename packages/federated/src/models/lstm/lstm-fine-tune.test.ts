import { buildLstmNetwork, lstmSamples, panelEnd, trainLstmNetwork } from '@shoppilot/forecast';
import { describe, expect, it } from 'vitest';
import { syntheticPanel } from '../../__fixtures__/synthetic-panel';
import { tinyLstmOptions } from '../../__fixtures__/tiny-lstm-options';
import { fineTuneLocally } from './lstm-fine-tune';
import { flattenShared, unflattenShared } from './lstm-parameters';
import { createLstmTrainer } from './lstm-trainer';

const panel = syntheticPanel({ series: 6, periods: 40, seed: 4 });
const options = tinyLstmOptions(4, 32);
const network = (layout: Parameters<typeof buildLstmNetwork>[0]) =>
  buildLstmNetwork(layout, { units: 4, embedding: 2, levels: [0.1, 0.5, 0.9], seed: 5 });

describe('fineTuneLocally (FedAvg + local fine-tuning)', () => {
  it("0 epochs returns the global weights exactly; 1 epoch equals forecast's training loop started from the global weights", async () => {
    const trainer = await createLstmTrainer(panel, options);
    // A "received" global model off the float32 grid: 0 epochs must hand it back bit for bit.
    const reference = network(trainer.layout);
    const global = Float64Array.from(flattenShared(reference), (v, i) => v + 0.01 * Math.sin(i + 0.5));
    const kept = await fineTuneLocally(trainer, global, { epochs: 0 });
    expect(Array.from(kept.values)).toEqual(Array.from(global));
    expect(kept.values).not.toBe(global);

    const tuned = await fineTuneLocally(trainer, global, { epochs: 1, seed: 7 });
    // forecast's path: the same network (same seed, so the same series embedding), the global
    // shared weights written in, one epoch of trainLstmNetwork with the same seed and batch size.
    unflattenShared(reference, global);
    const { train } = lstmSamples(panel, trainer.layout, {
      cutoff: panelEnd(panel) - 4,
      stride: 2,
      minContext: 4,
    });
    await trainLstmNetwork(reference, train, undefined, {
      epochs: 1,
      batchSize: 32,
      learningRate: 0.01,
      patience: 1,
      clipNorm: 1,
      seed: 7,
      levels: [0.1, 0.5, 0.9],
    });
    expect(Array.from(tuned.values)).toEqual(Array.from(flattenShared(reference)));
    expect(tuned.values.some((v, i) => v !== Math.fround(global[i]))).toBe(true);
    expect(Number.isFinite(tuned.trainLoss)).toBe(true);
    reference.dispose();
    trainer.dispose();
  }, 60_000);

  it('rejects a negative epoch count and a global model of the wrong size', async () => {
    const trainer = await createLstmTrainer(panel, options);
    const global = new Float64Array(trainer.parameterCount);
    await expect(fineTuneLocally(trainer, global, { epochs: -1 })).rejects.toThrow(/non-negative/);
    await expect(fineTuneLocally(trainer, global.subarray(1))).rejects.toThrow(/Dimension mismatch/);
    trainer.dispose();
  }, 60_000);
});
