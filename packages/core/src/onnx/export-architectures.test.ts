import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { initTensorBackend } from '../tensor/backend';
import { MultiHeadSelfAttention } from '../tensor/layers/multi-head-self-attention';
import {
  LearnedPositionalEmbedding,
  SinusoidalPositionalEncoding,
} from '../tensor/layers/positional-encoding';
import {
  DotProductScores,
  LastTimestep,
  MaskedMeanPooling,
  PaddingMask,
} from '../tensor/layers/sequence-layers';
import { TemporalAttention } from '../tensor/layers/temporal-attention';
import { expectOnnxParity } from './parity.test-helpers';

type Sym = tfl.SymbolicTensor;
const apply = (layer: tfl.layers.Layer, x: Sym | Sym[]) => layer.apply(x) as Sym;

beforeAll(async () => {
  await initTensorBackend({ backend: 'wasm' });
});

/** Post-norm Transformer block: x + MHSA(x) → LN → + FFN → LN. */
function transformerBlock(x: Sym, mask: Sym, dim: number, causal: boolean, seed: number): Sym {
  const attended = apply(new MultiHeadSelfAttention({ numHeads: 2, causal, seed }), [x, mask]);
  const dropped = apply(tfl.layers.dropout({ rate: 0.1 }), attended);
  const normed = apply(
    tfl.layers.layerNormalization({ epsilon: 1e-6 }),
    apply(tfl.layers.add(), [x, dropped]),
  );
  const hidden = apply(tfl.layers.dense({ units: 2 * dim, activation: 'gelu' }), normed);
  const back = apply(tfl.layers.dense({ units: dim }), hidden);
  return apply(tfl.layers.layerNormalization({ epsilon: 1e-6 }), apply(tfl.layers.add(), [normed, back]));
}

async function fitAndCheck(
  model: tfl.LayersModel,
  inputs: tf.Tensor[],
  targets: tf.Tensor[],
  loss: string[],
) {
  model.compile({ optimizer: tf.train.adam(0.01), loss });
  const history = await model.fit(inputs, targets, { epochs: 4, batchSize: 16, verbose: 0, shuffle: false });
  const losses = history.history.loss as number[];
  expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
  return expectOnnxParity(
    model,
    inputs.map((t) => tf.slice(t, 0, 8)),
  );
}

describe('exportToOnnx: the project architectures, trained in tfjs, match onnxruntime within 1e-4', () => {
  it('forecast: LSTM encoder + temporal attention + dense multi-horizon head', async () => {
    const [weeks, features, horizon] = [26, 3, 4];
    const rng = createRng(11);
    const series = Array.from({ length: 48 }, () => {
      const phase = rng.next() * 6;
      return Array.from({ length: weeks + horizon }, (_, t) => Math.sin(phase + t / 3) + 0.1 * rng.normal());
    });
    const x = tf.tensor(
      series.map((s) => s.slice(0, weeks).map((v, t) => [v, Math.sin(t / 3), Math.cos(t / 3)])),
    );
    const y = tf.tensor(series.map((s) => s.slice(weeks)));
    const input = tfl.input({ shape: [weeks, features] });
    const encoded = apply(tfl.layers.lstm({ units: 16, returnSequences: true }), input);
    const last = apply(new LastTimestep(), encoded);
    const context = apply(new TemporalAttention({ seed: 1 }), [last, encoded]);
    const joined = apply(tfl.layers.concatenate(), [context, last]);
    const hidden = apply(tfl.layers.dense({ units: 16, activation: 'relu' }), joined);
    const model = tfl.model({ inputs: input, outputs: apply(tfl.layers.dense({ units: horizon }), hidden) });
    await fitAndCheck(model, [x], [y], ['meanSquaredError']);
  });

  it('profiling: embeddings + positional encoding + masked self-attention blocks + layer norm + two heads', async () => {
    const [length, vocabulary, dim, categories] = [12, 30, 16, 5];
    const rng = createRng(12);
    const rows = Array.from({ length: 48 }, () => {
      const size = 3 + rng.int(length - 3);
      return Array.from({ length }, (_, t) => (t < size ? 1 + rng.int(vocabulary - 1) : 0));
    });
    const events = tf.tensor(rows, undefined, 'int32');
    const buys = tf.tensor(rows.map((r) => [r.filter((v) => v > 20).length > 1 ? 1 : 0]));
    const category = tf.oneHot(
      tf.tensor1d(
        rows.map((r) => r[0] % categories),
        'int32',
      ),
      categories,
    );
    const ids = tfl.input({ shape: [length], dtype: 'int32', name: 'events' });
    const mask = apply(new PaddingMask(), ids);
    let x = apply(tfl.layers.embedding({ inputDim: vocabulary, outputDim: dim }), ids);
    x = apply(new SinusoidalPositionalEncoding({ maxLength: 64, scaleInput: true }), x);
    for (let block = 0; block < 2; block++) x = transformerBlock(x, mask, dim, false, block);
    const pooled = apply(new MaskedMeanPooling(), [x, mask]);
    const buy = apply(tfl.layers.dense({ units: 1, activation: 'sigmoid', name: 'buy' }), pooled);
    const next = apply(
      tfl.layers.dense({ units: categories, activation: 'softmax', name: 'category' }),
      pooled,
    );
    const model = tfl.model({ inputs: ids, outputs: [buy, next] });
    await fitAndCheck(model, [events], [buys, category], ['binaryCrossentropy', 'categoricalCrossentropy']);
  });

  it('recsys: causal SASRec block scoring candidate items with the shared item embedding', async () => {
    const [length, items, dim, candidates] = [10, 40, 16, 5];
    const rng = createRng(13);
    const histories = Array.from({ length: 48 }, () => {
      const size = 2 + rng.int(length - 2);
      const start = 1 + rng.int(items - length - 1);
      return Array.from({ length }, (_, t) => (t >= length - size ? start + t : 0)); // left-padded runs
    });
    const nextItems = histories.map((h) => [
      h[length - 1] + 1,
      ...Array.from({ length: candidates - 1 }, () => 1 + rng.int(items - 1)),
    ]);
    const history = tfl.input({ shape: [length], dtype: 'int32', name: 'history' });
    const candidate = tfl.input({ shape: [candidates], dtype: 'int32', name: 'candidates' });
    const itemEmbedding = tfl.layers.embedding({ inputDim: items + 1, outputDim: dim });
    const mask = apply(new PaddingMask(), history);
    let x = apply(
      new LearnedPositionalEmbedding({ maxLength: length, seed: 2 }),
      apply(itemEmbedding, history),
    );
    x = transformerBlock(x, mask, dim, true, 7);
    const user = apply(new LastTimestep(), x);
    const scores = apply(new DotProductScores(), [user, apply(itemEmbedding, candidate)]);
    const model = tfl.model({ inputs: [history, candidate], outputs: apply(tfl.layers.softmax(), scores) });
    const target = tf.oneHot(tf.zeros([48], 'int32'), candidates);
    const inputs = [tf.tensor(histories, undefined, 'int32'), tf.tensor(nextItems, undefined, 'int32')];
    await fitAndCheck(model, inputs, [target], ['categoricalCrossentropy']);
    // An all-padding history (every attention row fully masked) stays finite and equal.
    const empty = tf.zeros([1, length], 'int32');
    await expectOnnxParity(model, [empty, tf.tensor([[1, 2, 3, 4, 5]], undefined, 'int32')]);
  });
});
