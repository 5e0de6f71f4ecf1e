import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../random/rng';
import { expectDeepClose } from '../../testing/expect-deep-close';
import { initTensorBackend } from '../backend';
import { MultiHeadSelfAttention } from './multi-head-self-attention';
import { TemporalAttention } from './temporal-attention';

type Matrix = number[][];
const matmul = (a: Matrix, b: Matrix) =>
  a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
const addRow = (a: Matrix, bias: number[]) => a.map((row) => row.map((v, j) => v + bias[j]));
const softmax = (row: number[]) => {
  const max = Math.max(...row);
  const e = row.map((v) => Math.exp(v - max));
  const total = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / total);
};
const columns = (a: Matrix, from: number, to: number) => a.map((row) => row.slice(from, to));
const matrix = (t: tf.Tensor) => t.arraySync() as Matrix;

function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Array.from({ length: size }, () => rng.normal()),
    shape,
  );
}

/** Plain-loop multi-head attention of one sequence `x` [s, d] (reference for the layer). */
function naiveSelfAttention(
  x: Matrix,
  w: Matrix[],
  b: number[][],
  heads: number,
  mask: number[],
  causal: boolean,
) {
  const [q, k, v] = [0, 1, 2].map((i) => addRow(matmul(x, w[i]), b[i]));
  const headDim = q[0].length / heads;
  const merged: Matrix = x.map(() => []);
  for (let h = 0; h < heads; h++) {
    const [qh, kh, vh] = [q, k, v].map((m) => columns(m, h * headDim, (h + 1) * headDim));
    for (let i = 0; i < x.length; i++) {
      const scores = kh.map((key, j) => {
        const allowed = mask[j] === 1 && (!causal || j <= i);
        const dot = key.reduce((s, kv, d) => s + kv * qh[i][d], 0) / Math.sqrt(headDim);
        return allowed ? dot : -1e9;
      });
      const weights = softmax(scores);
      for (let d = 0; d < headDim; d++) merged[i].push(weights.reduce((s, wj, j) => s + wj * vh[j][d], 0));
    }
  }
  return addRow(matmul(merged, w[3]), b[3]);
}

beforeAll(async () => {
  await initTensorBackend({ backend: 'wasm' });
});

describe('MultiHeadSelfAttention', () => {
  const cases = [
    { name: 'plain', causal: false, masked: false },
    { name: 'key-padding mask', causal: false, masked: true },
    { name: 'causal + mask', causal: true, masked: true },
  ];
  for (const { name, causal, masked } of cases) {
    it(`matches a plain-loop reference (${name})`, () => {
      const layer = new MultiHeadSelfAttention({ numHeads: 2, causal, seed: 3 });
      const x = randomTensor([2, 4, 6], 1);
      const maskRows = [
        [1, 1, 1, 0],
        [0, 1, 1, 1],
      ];
      const mask = tf.tensor(maskRows);
      // Non-zero biases so they are part of the check.
      layer.apply(masked ? [x, mask] : x);
      const weights = layer.getWeights();
      layer.setWeights(weights.map((w, i) => (i >= 4 ? randomTensor(w.shape, 10 + i) : w)));
      const out = matrix3(layer.apply(masked ? [x, mask] : x) as tf.Tensor);
      const kernels = layer.getWeights().slice(0, 4).map(matrix);
      const biases = layer
        .getWeights()
        .slice(4)
        .map((t) => t.arraySync() as number[]);
      for (let batch = 0; batch < 2; batch++) {
        const rows = (x.arraySync() as number[][][])[batch];
        const keyMask = masked ? maskRows[batch] : [1, 1, 1, 1];
        const expected = naiveSelfAttention(rows, kernels, biases, 2, keyMask, causal);
        expectDeepClose(out[batch], expected, 1e-5);
      }
    });
  }

  it('ignores padded keys and, when causal, later positions', () => {
    const layer = new MultiHeadSelfAttention({ numHeads: 2, causal: true, seed: 5 });
    const x = randomTensor([1, 5, 4], 2);
    const mask = tf.tensor([[1, 1, 1, 1, 0]]);
    const changed = tf.concat([tf.slice(x, [0, 0, 0], [1, 3, 4]), randomTensor([1, 2, 4], 9)], 1);
    const before = matrix3(layer.apply([x, mask]) as tf.Tensor)[0];
    const after = matrix3(layer.apply([changed, mask]) as tf.Tensor)[0];
    expectDeepClose(after.slice(0, 3), before.slice(0, 3), 1e-6);
    expect(Math.abs(after[3][0] - before[3][0])).toBeGreaterThan(1e-4);
  });

  it('rejects a dim that the heads do not divide and round-trips through model JSON', async () => {
    const input = tfl.input({ shape: [3, 5] });
    expect(() => new MultiHeadSelfAttention({ numHeads: 2 }).apply(input)).toThrow(/not divisible/);
    const x = tfl.input({ shape: [3, 4] });
    const mask = tfl.input({ shape: [3] });
    const out = new MultiHeadSelfAttention({ numHeads: 2, causal: true, seed: 1 }).apply([x, mask]);
    const model = tfl.model({ inputs: [x, mask], outputs: out as tfl.SymbolicTensor });
    await expectRoundTrip(model, [
      randomTensor([2, 3, 4], 4),
      tf.tensor([
        [1, 1, 0],
        [1, 1, 1],
      ]),
    ]);
  });
});

describe('TemporalAttention', () => {
  for (const score of ['additive', 'general', 'dot'] as const) {
    it(`${score} score: weights follow the formula, sum to 1 and skip masked steps`, () => {
      const layer = new TemporalAttention({ score, returnWeights: true, seed: 7 });
      const query = randomTensor([2, 3], 3);
      const states = randomTensor([2, 4, 3], 4);
      const mask = tf.tensor([
        [1, 1, 1, 1],
        [0, 1, 1, 1],
      ]);
      const [context, weights] = layer.apply([query, states, mask]) as tf.Tensor[];
      const p = layer.getWeights().map((t) => t.arraySync());
      const q = matrix(query);
      const s = states.arraySync() as number[][][];
      for (let b = 0; b < 2; b++) {
        const scores = s[b].map((state) => scoreOf(score, q[b], state, p));
        const masked = scores.map((v, j) => ((mask.arraySync() as Matrix)[b][j] ? v : -1e9));
        const expected = softmax(masked);
        expectDeepClose(matrix(weights)[b], expected, 1e-5);
        const ctx = s[b][0].map((_, d) => expected.reduce((acc, w, j) => acc + w * s[b][j][d], 0));
        expectDeepClose(matrix(context)[b], ctx, 1e-5);
      }
      expect(matrix(weights)[1][0]).toBe(0);
    });
  }

  it('accepts a sequence of queries and round-trips through model JSON', async () => {
    const query = tfl.input({ shape: [2, 3] });
    const states = tfl.input({ shape: [4, 5] });
    const out = new TemporalAttention({ score: 'general', seed: 2 }).apply([query, states]);
    expect((out as tfl.SymbolicTensor).shape).toEqual([null, 2, 5]);
    const model = tfl.model({ inputs: [query, states], outputs: out as tfl.SymbolicTensor });
    await expectRoundTrip(model, [randomTensor([1, 2, 3], 5), randomTensor([1, 4, 5], 6)]);
  });
});

function scoreOf(score: string, q: number[], state: number[], p: unknown[]): number {
  const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
  if (score === 'dot') return dot(q, state);
  if (score === 'general') return dot(matmul([q], p[0] as Matrix)[0], state);
  const [stateKernel, queryKernel, bias, vector] = p as [Matrix, Matrix, number[], Matrix];
  const hidden = matmul([state], stateKernel)[0].map((v, u) => v + matmul([q], queryKernel)[0][u] + bias[u]);
  return dot(
    hidden.map(Math.tanh),
    vector.map((row) => row[0]),
  );
}

function matrix3(t: tf.Tensor): number[][][] {
  return t.arraySync() as number[][][];
}

/** The model rebuilt from its JSON config with the same weights gives the same output. */
async function expectRoundTrip(model: tfl.LayersModel, inputs: tf.Tensor[]): Promise<void> {
  const config = JSON.parse(JSON.stringify(model.toJSON(null, false)));
  const copy = await tfl.models.modelFromJSON({ modelTopology: config });
  expect(copy.layers.map((l) => l.getClassName())).toEqual(model.layers.map((l) => l.getClassName()));
  copy.setWeights(model.getWeights());
  const a = model.predict(inputs) as tf.Tensor;
  const b = copy.predict(inputs) as tf.Tensor;
  expectDeepClose(b.dataSync(), a.dataSync(), 1e-6);
}
