import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import { exportToOnnx } from './export-to-onnx';
import { OnnxModel } from './onnx-model';
import type { OnnxFeed } from './validate-feeds';

/** Test helper: the ONNX export of `model` gives the tfjs outputs within `tolerance`. */
export async function expectOnnxParity(
  model: tfl.LayersModel,
  inputs: tf.Tensor[],
  tolerance = 1e-4,
): Promise<number> {
  const expected = [model.predict(inputs)].flat() as tf.Tensor[];
  const onnx = await OnnxModel.load(exportToOnnx(model), { threads: 1 });
  try {
    const feeds: Record<string, OnnxFeed> = {};
    inputs.forEach((tensor, i) => {
      const data =
        tensor.dtype === 'int32' ? Int32Array.from(tensor.dataSync()) : Float32Array.from(tensor.dataSync());
      feeds[onnx.inputNames[i]] = { data, dims: tensor.shape };
    });
    const outputs = await onnx.run(feeds);
    expect(onnx.outputNames).toHaveLength(expected.length);
    let worst = 0;
    expected.forEach((tensor, i) => {
      const got = outputs[onnx.outputNames[i]];
      expect(got.dims, `dims of output ${i}`).toEqual(tensor.shape);
      const want = tensor.dataSync();
      for (let k = 0; k < want.length; k++) {
        const diff = Math.abs(Number(got.data[k]) - want[k]);
        worst = Math.max(worst, Number.isNaN(diff) ? Number.POSITIVE_INFINITY : diff);
      }
    });
    expect(worst, 'max |onnx - tfjs|').toBeLessThanOrEqual(tolerance);
    return worst;
  } finally {
    await onnx.close();
    tf.dispose(expected);
  }
}

/** Test helper: a few epochs of Adam on random targets so that every weight (biases too) moves. */
export async function trainBriefly(model: tfl.LayersModel, inputs: tf.Tensor[], epochs = 3): Promise<void> {
  const outputs = [model.predict(inputs)].flat() as tf.Tensor[];
  const targets = outputs.map((o, i) => tf.randomNormal(o.shape, 0, 1, 'float32', 100 + i));
  tf.dispose(outputs);
  // A scalar loss per output (tfjs's built-in MSE cannot sum rank-3 losses of several outputs).
  const loss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.mean(tf.squaredDifference(yTrue, yPred));
  model.compile({ optimizer: tf.train.adam(0.05), loss });
  await model.fit(inputs, targets, { epochs, batchSize: inputs[0].shape[0], verbose: 0 });
  tf.dispose(targets);
}

/** Deterministic normal tensor. */
export function normal(shape: number[], seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, 1, 'float32', seed);
}

/** Deterministic int32 ids in [low, high). */
export function ids(shape: number[], low: number, high: number, seed: number): tf.Tensor {
  return tf.cast(tf.floor(tf.randomUniform(shape, low, high, 'float32', seed)), 'int32');
}
