import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorBackend } from '../tensor/backend';
import { SUPPORTED_ACTIVATIONS } from './convert/activations';
import { exportToOnnx } from './export-to-onnx';
import { expectOnnxParity, ids, normal, trainBriefly } from './parity.test-helpers';
import { UnsupportedLayerError } from './unsupported-layer-error';

type Sym = tfl.SymbolicTensor;
const apply = (layer: tfl.layers.Layer, x: Sym | Sym[]) => layer.apply(x) as Sym;

beforeAll(async () => {
  await initTensorBackend({ backend: 'wasm' });
});

/** One-input model [b, ...shape] → body(x), trained briefly, compared with onnxruntime. */
async function parityOf(shape: number[], body: (x: Sym) => Sym | Sym[], train = true) {
  const input = tfl.input({ shape });
  const model = tfl.model({ inputs: input, outputs: body(input) });
  const x = normal([3, ...shape], 7);
  if (train) await trainBriefly(model, [x]);
  return expectOnnxParity(model, [x]);
}

describe('exportToOnnx: core layers match tfjs within 1e-4', () => {
  it.each(SUPPORTED_ACTIVATIONS)('Dense with activation %s', async (activation) => {
    await parityOf([5], (x) => apply(tfl.layers.dense({ units: 4, activation: activation as never }), x));
  });

  it('Dense on a sequence, without bias', async () => {
    await parityOf([4, 5], (x) => apply(tfl.layers.dense({ units: 3, useBias: false }), x));
  });

  it('ReLU(maxValue), LeakyReLU, ELU, Softmax layers and Dropout', async () => {
    await parityOf([6], (x) => {
      const h = apply(tfl.layers.dense({ units: 6 }), x);
      const a = apply(tfl.layers.reLU({ maxValue: 0.5 }), h);
      const b = apply(tfl.layers.leakyReLU({ alpha: 0.2 }), h);
      const c = apply(tfl.layers.elu(), h);
      const d = apply(tfl.layers.softmax(), apply(tfl.layers.dropout({ rate: 0.5 }), h));
      return [a, b, c, d];
    });
  });

  it('Flatten, Reshape, Permute, RepeatVector', async () => {
    await parityOf([4, 3], (x) => {
      const flat = apply(tfl.layers.flatten(), x);
      const reshaped = apply(tfl.layers.reshape({ targetShape: [2, 6] }), flat);
      const permuted = apply(tfl.layers.permute({ dims: [2, 1] }), reshaped);
      const repeated = apply(tfl.layers.repeatVector({ n: 3 }), apply(tfl.layers.dense({ units: 2 }), flat));
      return [permuted, repeated];
    });
  });

  it('LayerNormalization and BatchNormalization (trained statistics)', async () => {
    await parityOf([4, 6], (x) => {
      const a = apply(tfl.layers.layerNormalization({ epsilon: 1e-5 }), x);
      const c = apply(
        tfl.layers.batchNormalization({ momentum: 0.5 }),
        apply(tfl.layers.dense({ units: 3 }), x),
      );
      return [a, c];
    });
  });

  it('LayerNormalization without center/scale (no weights, so not trained)', async () => {
    await parityOf(
      [4, 6],
      (x) => apply(tfl.layers.layerNormalization({ center: false, scale: false }), x),
      false,
    );
  });

  it('Embedding with int32 and float32 ids', async () => {
    const intIds = tfl.input({ shape: [5], dtype: 'int32' });
    const floatIds = tfl.input({ shape: [5] });
    const embedding = tfl.layers.embedding({ inputDim: 11, outputDim: 4 });
    const model = tfl.model({
      inputs: [intIds, floatIds],
      outputs: [apply(embedding, intIds), apply(embedding, floatIds)],
    });
    const inputs = [ids([3, 5], 0, 11, 1), tf.cast(ids([3, 5], 0, 11, 2), 'float32')];
    await trainBriefly(model, inputs);
    await expectOnnxParity(model, inputs);
  });

  it('GlobalAveragePooling1D and GlobalMaxPooling1D', async () => {
    await parityOf(
      [5, 3],
      (x) => [apply(tfl.layers.globalAveragePooling1d(), x), apply(tfl.layers.globalMaxPooling1d(), x)],
      false,
    );
  });

  it('Add, Multiply, Average, Maximum, Minimum, Concatenate and Dot (rank 2 and 3)', async () => {
    await parityOf([4, 3], (x) => {
      const a = apply(tfl.layers.dense({ units: 3 }), x);
      const b = apply(tfl.layers.dense({ units: 3 }), x);
      const merges = [
        tfl.layers.add(),
        tfl.layers.multiply(),
        tfl.layers.average(),
        tfl.layers.maximum(),
        tfl.layers.minimum(),
      ];
      const merged = merges.map((layer) => apply(layer, [a, b, x]));
      const concat = apply(tfl.layers.concatenate({ axis: -1 }), merged);
      const flatA = apply(tfl.layers.flatten(), a);
      const flatB = apply(tfl.layers.flatten(), b);
      const dot2 = apply(tfl.layers.dot({ axes: -1 }), [flatA, flatB]);
      const dot3 = apply(tfl.layers.dot({ axes: [2, 2] }), [a, b]);
      const dot3b = apply(tfl.layers.dot({ axes: [1, 1] }), [a, x]);
      return [concat, dot2, dot3, dot3b];
    });
  });

  it('TimeDistributed(Dense), a nested Sequential and a layer shared by two inputs', async () => {
    const left = tfl.input({ shape: [4, 3] });
    const right = tfl.input({ shape: [4, 3] });
    const inner = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [4, 3], units: 5, activation: 'tanh' }), tfl.layers.flatten()],
    });
    const shared = tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2 }) });
    const outputs = [apply(inner, left), apply(inner, right), apply(shared, left), apply(shared, right)];
    const model = tfl.model({ inputs: [left, right], outputs });
    const inputs = [normal([2, 4, 3], 1), normal([2, 4, 3], 2)];
    await trainBriefly(model, inputs);
    await expectOnnxParity(model, inputs);
  });

  it('a Sequential model with a dynamic batch size', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [3], units: 4, activation: 'relu' }),
        tfl.layers.dense({ units: 1 }),
      ],
    });
    await trainBriefly(model, [normal([8, 3], 3)]);
    await expectOnnxParity(model, [normal([1, 3], 4)]);
    await expectOnnxParity(model, [normal([17, 3], 5)]);
  });
});

describe('exportToOnnx: unsupported layers', () => {
  it('names the layer and its class', () => {
    const input = tfl.input({ shape: [8, 2] });
    const conv = tfl.layers.conv1d({ filters: 2, kernelSize: 3, name: 'my_conv' });
    const model = tfl.model({ inputs: input, outputs: apply(conv, input) });
    let error: unknown;
    try {
      exportToOnnx(model);
    } catch (caught) {
      error = caught;
    }
    expect(UnsupportedLayerError.isInstance(error)).toBe(true);
    expect((error as UnsupportedLayerError).layerName).toBe('my_conv');
    expect((error as UnsupportedLayerError).className).toBe('Conv1D');
    expect((error as Error).message).toMatch(/my_conv.*Conv1D/);
  });

  it('refuses Masking layers and Embedding maskZero (tfjs masks would change downstream results)', () => {
    const masked = tfl.input({ shape: [4, 2] });
    const masking = tfl.model({
      inputs: masked,
      outputs: apply(tfl.layers.masking({ maskValue: 0 }), masked),
    });
    expect(() => exportToOnnx(masking)).toThrow(/Masking.*PaddingMask/);
    const input = tfl.input({ shape: [4] });
    const model = tfl.model({
      inputs: input,
      outputs: apply(tfl.layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true }), input),
    });
    expect(() => exportToOnnx(model)).toThrow(/maskZero.*PaddingMask/);
  });
});
