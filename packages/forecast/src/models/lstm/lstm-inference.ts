import { exportToOnnx, withOnnxModel } from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { inputWidths, type LstmLayout } from './lstm-features';
import type { SampleArrays } from './lstm-samples';
import { gatherBatch } from './lstm-train';

/** Which runtime computes the forecasts. */
export type InferenceEngine = 'tfjs' | 'onnx';

/** Network outputs [N, H, Q] (flat) through tfjs, in batches; tensors are disposed inside. */
export function runTfjs(network: tfl.LayersModel, arrays: SampleArrays, batchSize = 1024): Float32Array {
  const width = network.outputs[0].shape
    .slice(1)
    .reduce((a, b) => (a as number) * (b as number), 1) as number;
  const out = new Float32Array(arrays.count * width);
  for (let from = 0; from < arrays.count; from += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, arrays.count - from) }, (_, i) => from + i);
    const values = tf.tidy(
      () =>
        (
          network.apply(gatherBatch(arrays, indices, network).inputs, { training: false }) as tf.Tensor
        ).dataSync() as Float32Array,
    );
    out.set(values, from * width);
  }
  return out;
}

/** The same outputs through onnxruntime-node (the session lives only inside this call). */
export async function runOnnx(
  bytes: Uint8Array,
  arrays: SampleArrays,
  layout: LstmLayout,
  levels: number,
  threads?: number,
): Promise<Float32Array> {
  const widths = inputWidths(layout);
  const n = arrays.count;
  return withOnnxModel(
    bytes,
    async (model) => {
      const result = await model.run({
        encoder: { data: arrays.encoder, dims: [n, layout.lookback, widths.encoder] },
        decoder: { data: arrays.decoder, dims: [n, layout.horizon, widths.decoder] },
        statics: { data: arrays.statics, dims: [n, Math.max(1, widths.statics)] },
        series: { data: arrays.ids, dims: [n, 1] },
      });
      const output = Object.values(result)[0];
      if (output.data.length !== n * layout.horizon * levels)
        throw new Error(`unexpected ONNX output size ${output.data.length}`);
      return Float32Array.from(output.data as Float32Array);
    },
    threads ? { threads } : {},
  );
}

/** ONNX bytes of the trained network (opset 17, dynamic batch), for serving. */
export function networkToOnnx(network: tfl.LayersModel): Uint8Array {
  return exportToOnnx(network, {
    docString: 'ShopPilot LSTM+Attention quantile forecaster',
    metadata: { producer: '@shoppilot/forecast' },
  });
}
