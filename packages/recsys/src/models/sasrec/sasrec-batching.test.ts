import { createRng, initTensorBackend } from '@shoppilot/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchedMatMul } from './batched-matmul';
import { buildSasRec } from './sasrec-network';
import { lengthBatches } from './sasrec-training';

beforeAll(async () => {
  await initTensorBackend({ backend: 'wasm' });
});

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('batchedMatMul', () => {
  it('equals tf.matMul in value and in both gradients, with and without transposeB', () => {
    for (const transposeB of [false, true]) {
      tf.tidy(() => {
        const a = tf.randomNormal([3, 5, 4], 0, 1, 'float32', 1);
        const b = tf.randomNormal(transposeB ? [3, 6, 4] : [3, 4, 6], 0, 1, 'float32', 2);
        const w = tf.randomNormal([3, 5, 6], 0, 1, 'float32', 3); // a random cotangent
        const loss = (f: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) =>
          tf.sum(tf.mul(f(x, y), w));
        const ours = (x: tf.Tensor, y: tf.Tensor) => batchedMatMul(x, y, transposeB);
        const reference = (x: tf.Tensor, y: tf.Tensor) =>
          tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D, false, transposeB);
        expect(maxAbsDiff(ours(a, b), reference(a, b))).toBeLessThan(1e-5);
        const [da, db] = tf.grads(loss(ours))([a, b]);
        const [ra, rb] = tf.grads(loss(reference))([a, b]);
        expect(maxAbsDiff(da, ra)).toBeLessThan(1e-5);
        expect(maxAbsDiff(db, rb)).toBeLessThan(1e-5);
      });
    }
  });
});

describe('SASRec cropped batches', () => {
  it('a left-padded batch cropped to its longest history gives every real position its full-width state', () => {
    const network = buildSasRec({
      vocabulary: 20,
      maxLength: 8,
      dim: 8,
      heads: 2,
      blocks: 2,
      dropout: 0,
      seed: 4,
    });
    // Histories of 3 and 2 items, left-padded to 8; cropped to the last 3 columns.
    const full = Int32Array.from([0, 0, 0, 0, 0, 5, 9, 2, 0, 0, 0, 0, 0, 0, 7, 3]);
    const cropped = Int32Array.from([5, 9, 2, 0, 7, 3]);
    const a = network.training.apply(tf.tensor2d(full, [2, 8], 'int32')) as tf.Tensor;
    const b = network.training.apply(tf.tensor2d(cropped, [2, 3], 'int32')) as tf.Tensor;
    const realFull = tf.gather(tf.reshape(a, [16, 8]), [5, 6, 7, 14, 15]);
    const realCropped = tf.gather(tf.reshape(b, [6, 8]), [0, 1, 2, 4, 5]);
    expect(maxAbsDiff(realFull, realCropped)).toBeLessThan(1e-5);
    // And the serving encoder's last state is the training graph's last real state.
    const last = network.encoder.predict(tf.tensor2d(full, [2, 8], 'int32')) as tf.Tensor;
    expect(maxAbsDiff(last, tf.gather(realCropped, [2, 4]))).toBeLessThan(1e-5);
    network.training.dispose();
  });
});

describe('lengthBatches', () => {
  it('partitions the sequences, and groups equal lengths when lengths differ by 2x or more (jitter < 1.25x)', () => {
    const lengths = Int32Array.from(
      createRng(5).shuffle([1, 2, 4, 8].flatMap((n) => Array.from({ length: 8 }, () => n))),
    );
    const batches = lengthBatches(lengths, 8, createRng(7));
    expect(batches.flat().sort((x, y) => x - y)).toEqual(Array.from(lengths, (_, s) => s));
    for (const batch of batches) expect(new Set(batch.map((s) => lengths[s])).size).toBe(1);
    const again = lengthBatches(lengths, 8, createRng(8));
    expect(again.map((b) => lengths[b[0]])).not.toEqual(batches.map((b) => lengths[b[0]])); // shuffled order
  });
});
