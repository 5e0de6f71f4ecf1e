import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectDeepClose } from '../testing/expect-deep-close';
import { initTensorBackend } from './backend';

describe('tfjs runtime fixes', () => {
  it('chained tensor ops exist (tfjs-layers calls x.flatten(), x.transpose()…)', async () => {
    await initTensorBackend({ backend: 'cpu' });
    const x = tf.tensor([
      [1, 2],
      [3, 4],
    ]) as tf.Tensor & { flatten(): tf.Tensor; transpose(): tf.Tensor; toInt(): tf.Tensor };
    expect(Array.from(x.flatten().dataSync())).toEqual([1, 2, 3, 4]);
    expect(Array.from(x.transpose().dataSync())).toEqual([1, 3, 2, 4]);
    expect(x.toInt().dtype).toBe('int32');
  });

  it('an LSTM builds with its orthogonal recurrent initialiser (Uᵀ U = I per gate)', async () => {
    await initTensorBackend({ backend: 'wasm' });
    const layer = tfl.layers.lstm({ units: 4 });
    layer.apply(tfl.input({ shape: [3, 2] }));
    const recurrent = layer.getWeights()[1]; // [units, 4·units], orthogonal rows
    const gram = tf.matMul(recurrent, recurrent, false, true).arraySync() as number[][];
    expectDeepClose(gram, tf.eye(4).arraySync(), 1e-5);
  });

  it('wasm gets UnsortedSegmentSum, so Embedding gradients work there', async () => {
    await initTensorBackend({ backend: 'wasm' });
    const x = tf.tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const sums = tf.unsortedSegmentSum(x, tf.tensor1d([2, 0, 2], 'int32'), 3);
    expectDeepClose(
      sums.arraySync(),
      [
        [3, 4],
        [0, 0],
        [6, 8],
      ],
      0,
    );
    const table = tf.variable(tf.zeros([3, 2]));
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.gather(table, tf.tensor1d([1, 1, 2], 'int32'))) as tf.Scalar,
      [table],
    );
    expectDeepClose(
      grads[table.name].arraySync(),
      [
        [0, 0],
        [2, 2],
        [1, 1],
      ],
      0,
    );
  });
});
