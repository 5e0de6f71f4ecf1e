import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../random/rng';
import { expectDeepClose } from '../../testing/expect-deep-close';
import { initTensorBackend } from '../backend';
import { MultiHeadSelfAttention } from './multi-head-self-attention';
import {
  LearnedPositionalEmbedding,
  SinusoidalPositionalEncoding,
  sinusoidalTable,
} from './positional-encoding';
import { DotProductScores, LastTimestep, MaskedMeanPooling, PaddingMask } from './sequence-layers';
import { TemporalAttention } from './temporal-attention';

beforeAll(async () => {
  await initTensorBackend({ backend: 'wasm' });
});

const x = () =>
  tf.tensor([
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    [
      [7, 8],
      [9, 10],
      [11, 12],
    ],
  ]);

describe('positional encodings', () => {
  it('sinusoidal table follows sin(p/10000^(2i/d)) / cos(...)', () => {
    const table = sinusoidalTable(3, 4);
    expectDeepClose(
      Array.from(table.slice(4, 8)),
      [Math.sin(1), Math.cos(1), Math.sin(1 / 100), Math.cos(1 / 100)],
      1e-7,
    );
    expectDeepClose(Array.from(table.slice(0, 4)), [0, 1, 0, 1], 0);
  });

  it('SinusoidalPositionalEncoding adds the table (and scales by sqrt(d) when asked)', () => {
    const layer = new SinusoidalPositionalEncoding({ maxLength: 8, scaleInput: true });
    const out = layer.apply(x()) as tf.Tensor;
    const table = sinusoidalTable(8, 2);
    const expected = (x().arraySync() as number[][][]).map((rows) =>
      rows.map((row, p) => row.map((v, i) => v * Math.SQRT2 + table[p * 2 + i])),
    );
    expectDeepClose(out.arraySync(), expected, 1e-5);
    expect(() => new SinusoidalPositionalEncoding({ maxLength: 2 }).apply(x())).toThrow(/exceeds maxLength/);
  });

  it('LearnedPositionalEmbedding adds its first seq rows', () => {
    const layer = new LearnedPositionalEmbedding({ maxLength: 4, seed: 1 });
    const out = layer.apply(x()) as tf.Tensor;
    const table = layer.getWeights()[0].arraySync() as number[][];
    expect(layer.getWeights()[0].shape).toEqual([4, 2]);
    const expected = (x().arraySync() as number[][][]).map((rows) =>
      rows.map((row, p) => row.map((v, i) => v + table[p][i])),
    );
    expectDeepClose(out.arraySync(), expected, 1e-6);
  });
});

describe('sequence helpers', () => {
  it('LastTimestep takes x[:, -1, :]', () => {
    expectDeepClose(
      (new LastTimestep().apply(x()) as tf.Tensor).arraySync(),
      [
        [5, 6],
        [11, 12],
      ],
      0,
    );
  });

  it('MaskedMeanPooling averages real steps only; all-padding gives 0', () => {
    const mask = tf.tensor([
      [1, 0, 1],
      [0, 0, 0],
    ]);
    expectDeepClose(
      (new MaskedMeanPooling().apply([x(), mask]) as tf.Tensor).arraySync(),
      [
        [3, 4],
        [0, 0],
      ],
      1e-6,
    );
  });

  it('PaddingMask marks ids different from padValue', () => {
    const ids = tf.tensor(
      [
        [0, 3, 5],
        [2, 0, 0],
      ],
      undefined,
      'int32',
    );
    expectDeepClose(
      (new PaddingMask().apply(ids) as tf.Tensor).arraySync(),
      [
        [0, 1, 1],
        [1, 0, 0],
      ],
      0,
    );
    expectDeepClose(
      (new PaddingMask({ padValue: 5 }).apply(ids) as tf.Tensor).arraySync(),
      [
        [1, 1, 0],
        [1, 1, 1],
      ],
      0,
    );
  });

  it('DotProductScores: same-shape rows and one query against candidates', () => {
    const a = tf.tensor([
      [1, 2],
      [3, 4],
    ]);
    expectDeepClose((new DotProductScores().apply([a, a]) as tf.Tensor).arraySync(), [5, 25], 0);
    const candidates = tf.tensor([
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      [
        [2, 0],
        [0, 2],
        [1, -1],
      ],
    ]);
    expectDeepClose(
      (new DotProductScores().apply([a, candidates]) as tf.Tensor).arraySync(),
      [
        [1, 2, 3],
        [6, 8, -1],
      ],
      0,
    );
  });
});

describe('training through the layers', () => {
  it('a masked self-attention + temporal attention model learns to copy the last real value', async () => {
    // Target: the value at the last unmasked step; only attention can find it.
    const n = 96;
    const seq = 5;
    const values: number[][][] = [];
    const masks: number[][] = [];
    const targets: number[][] = [];
    const rng = createRng(17);
    const next = () => rng.next() * 2 - 1;
    for (let i = 0; i < n; i++) {
      const length = 2 + (i % 4);
      values.push(
        Array.from({ length: seq }, (_, t) => [next(), t < length ? 1 : 0, t === length - 1 ? 1 : 0]),
      );
      masks.push(Array.from({ length: seq }, (_, t) => (t < length ? 1 : 0)));
      targets.push([values[i][length - 1][0]]);
    }
    const input = tfl.input({ shape: [seq, 3] });
    const mask = tfl.input({ shape: [seq] });
    const hidden = tfl.layers.dense({ units: 8, activation: 'tanh' }).apply(input) as tfl.SymbolicTensor;
    const attended = new MultiHeadSelfAttention({ numHeads: 2, seed: 1 }).apply([
      hidden,
      mask,
    ]) as tfl.SymbolicTensor;
    const query = new MaskedMeanPooling().apply([attended, mask]) as tfl.SymbolicTensor;
    const context = new TemporalAttention({ seed: 2 }).apply([query, input, mask]) as tfl.SymbolicTensor;
    const output = tfl.layers.dense({ units: 1 }).apply(context) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: [input, mask], outputs: output });
    model.compile({ optimizer: tf.train.adam(0.03), loss: 'meanSquaredError' });
    const xs = [tf.tensor(values), tf.tensor(masks)];
    const ys = tf.tensor(targets);
    const before = (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0];
    await model.fit(xs, ys, { epochs: 30, batchSize: 32, verbose: 0 });
    const after = (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0];
    expect(after).toBeLessThan(before * 0.2);
  });
});
