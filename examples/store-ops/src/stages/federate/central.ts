import { createRng } from '@shoppilot/core';
import {
  initialParameters,
  type MlpShape,
  mseAndGradient,
  type RegressionData,
  trainEpochs,
} from '@shoppilot/federated';
import { MLP_OPTIONS } from './model';

function pool(parts: readonly RegressionData[]): RegressionData {
  const x = new Float64Array(parts.reduce((n, p) => n + p.x.length, 0));
  const y = new Float64Array(parts.reduce((n, p) => n + p.y.length, 0));
  let ox = 0;
  let oy = 0;
  for (const part of parts) {
    x.set(part.x, ox);
    y.set(part.y, oy);
    ox += part.x.length;
    oy += part.y.length;
  }
  return { x, y, inputs: parts[0].inputs };
}

/** Validation MSE over every warehouse's validation rows (a row-weighted mean). */
export function pooledLoss(
  shape: MlpShape,
  parameters: Float64Array,
  validations: readonly RegressionData[],
): number {
  let total = 0;
  let rows = 0;
  for (const validation of validations) {
    const n = validation.y.length;
    total +=
      mseAndGradient(
        shape,
        parameters,
        validation,
        Array.from({ length: n }, (_, i) => i),
      ) * n;
    rows += n;
  }
  return total / Math.max(1, rows);
}

/**
 * The same network trained centrally on the pooled rows of every warehouse (what the federation
 * avoids: pooling the data), on the same schedule: `epochs` per round, Adam restarted each round.
 * Returns the validation loss of the shared starting point and after each round.
 */
export async function centralCurve(
  trains: readonly RegressionData[],
  validations: readonly RegressionData[],
  rounds: number,
  epochs: number,
): Promise<{ initial: number; curve: number[] }> {
  const data = pool(trains);
  const shape: MlpShape = {
    inputs: data.inputs,
    hidden: [...(MLP_OPTIONS.hidden ?? [])],
    activation: MLP_OPTIONS.activation ?? 'relu',
  };
  let parameters = initialParameters(shape, createRng(MLP_OPTIONS.seed ?? 42));
  const initial = pooledLoss(shape, parameters, validations);
  const curve: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const result = await trainEpochs(shape, data, parameters, MLP_OPTIONS, {
      round,
      epochs,
      proximalMu: 0,
      seed: round,
    });
    parameters = result.parameters;
    curve.push(pooledLoss(shape, parameters, validations));
  }
  return { initial, curve };
}
