import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { DimensionMismatchError } from '../errors/dimension-mismatch-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { MissingDependencyError } from '../errors/missing-dependency-error';
import { initTensorBackend } from '../tensor/backend';
import { expectDeepClose } from '../testing/expect-deep-close';
import { exportToOnnx } from './export-to-onnx';
import { OnnxModel, withOnnxModel } from './onnx-model';
import { OnnxModelError } from './onnx-model-error';
import { onnx } from './onnx-proto';

/**
 * A model written by hand with the ONNX protobuf schema, as another framework would:
 * `score = sigmoid(x · w + b)` for x [N, 3] (N symbolic) and `picked = table[ids]` for int64 ids.
 */
function handBuiltModel(): Uint8Array {
  const floats = (name: string, dims: number[], values: number[]) => ({
    name,
    dims,
    dataType: 1,
    floatData: values,
  });
  const tensorType = (elemType: number, dims: Array<number | string>) => ({
    tensorType: {
      elemType,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  });
  const graph = {
    name: 'hand_built',
    node: [
      { opType: 'MatMul', input: ['x', 'w'], output: ['xw'] },
      { opType: 'Add', input: ['xw', 'b'], output: ['logit'] },
      { opType: 'Sigmoid', input: ['logit'], output: ['score'] },
      {
        opType: 'Gather',
        input: ['table', 'ids'],
        output: ['picked'],
        attribute: [{ name: 'axis', type: 2, i: 0 }],
      },
    ],
    initializer: [
      floats('w', [3, 1], [0.5, -1, 2]),
      floats('b', [1], [0.25]),
      floats('table', [4], [10, 20, 30, 40]),
    ],
    input: [
      { name: 'x', type: tensorType(1, ['N', 3]) },
      { name: 'ids', type: tensorType(7, ['K']) },
    ],
    output: [
      { name: 'score', type: tensorType(1, ['N', 1]) },
      { name: 'picked', type: tensorType(1, ['K']) },
    ],
  };
  const model = { irVersion: 7, opsetImport: [{ domain: '', version: 13 }], producerName: 'hand', graph };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const feeds = () => ({
  x: { data: new Float32Array([1, 2, 3, -1, 0, 1]), dims: [2, 3] },
  ids: { data: new BigInt64Array([3n, 0n, 3n]), dims: [3] },
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('OnnxModel', () => {
  it('runs a hand-built ONNX file and describes its inputs and outputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shoppilot-onnx-'));
    const path = join(dir, 'hand.onnx');
    writeFileSync(path, handBuiltModel());
    await using model = await OnnxModel.load(path, { threads: 1 });
    expect(model.inputs).toEqual([
      { name: 'x', type: 'float32', shape: ['N', 3] },
      { name: 'ids', type: 'int64', shape: ['K'] },
    ]);
    expect(model.outputNames).toEqual(['score', 'picked']);
    const out = await model.run(feeds());
    // 1·0.5 + 2·(−1) + 3·2 + 0.25 = 4.75; −1·0.5 + 0 + 1·2 + 0.25 = 1.75
    expectDeepClose(Array.from(out.score.data as Float32Array), [sigmoid(4.75), sigmoid(1.75)], 1e-6);
    expect(out.score.dims).toEqual([2, 1]);
    expect(Array.from(out.picked.data as Float32Array)).toEqual([40, 10, 40]);
    const only = await model.run(feeds(), { outputs: ['picked'] });
    expect(Object.keys(only)).toEqual(['picked']);
  });

  it('rejects wrong names, types and shapes before running, naming the input and expected shape', async () => {
    await withOnnxModel(handBuiltModel(), async (model) => {
      const unknown = await caught(model.run({ ...feeds(), y: { data: new Float32Array(1), dims: [1] } }));
      expect(InvalidArgumentError.isInstance(unknown)).toBe(true);
      expect((unknown as Error).message).toMatch(/no input "y".*"x" \[N, 3\]/);

      const { ids, ...withoutIds } = feeds();
      expect(ids.dims).toEqual([3]);
      const missing = await caught(model.run(withoutIds as never));
      expect((missing as Error).message).toMatch(/missing input "ids" \(int64 \[K\]\)/);

      const wrongType = await caught(
        model.run({ ...feeds(), ids: { data: new Int32Array([1]), dims: [1] } }),
      );
      expect(InvalidArgumentError.isInstance(wrongType)).toBe(true);
      expect((wrongType as Error).message).toMatch(/input "ids" \(expected int64 \[K\]\) got Int32Array/);

      const wrongShape = await caught(
        model.run({ ...feeds(), x: { data: new Float32Array(8), dims: [2, 4] } }),
      );
      expect(DimensionMismatchError.isInstance(wrongShape)).toBe(true);
      expect(wrongShape).toMatchObject({ expected: [-1, 3], actual: [2, 4] });
      expect((wrongShape as Error).message).toMatch(/input "x" \(expected float32 \[N, 3\]\), axis 1/);

      const wrongRank = await caught(model.run({ ...feeds(), x: { data: new Float32Array(6), dims: [6] } }));
      expect(wrongRank).toMatchObject({ expected: [-1, 3], actual: [6] });

      const wrongLength = await caught(
        model.run({ ...feeds(), x: { data: new Float32Array(5), dims: [2, 3] } }),
      );
      expect(wrongLength).toMatchObject({ expected: 6, actual: 5 });
    });
  });

  it('checks that a symbolic dimension has one size across inputs', async () => {
    await initTensorBackend({ backend: 'cpu' });
    const x = tfl.input({ shape: [3] });
    const mask = tfl.input({ shape: [3] });
    const both = tfl.model({
      inputs: [x, mask],
      outputs: tfl.layers.multiply().apply([x, mask]) as tfl.SymbolicTensor,
    });
    await withOnnxModel(exportToOnnx(both), async (model) => {
      const [first, second] = model.inputNames;
      const error = await caught(
        model.run({
          [first]: { data: new Float32Array(6), dims: [2, 3] },
          [second]: { data: new Float32Array(9), dims: [3, 3] },
        }),
      );
      expect(DimensionMismatchError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/axis 0 "batch" \(2 in input/);
      expect(model.inputs[0].shape).toEqual(['batch', 3]);
    });
  });

  it('gives a typed error for a corrupt, truncated or missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shoppilot-onnx-'));
    const garbage = join(dir, 'garbage.onnx');
    writeFileSync(garbage, Buffer.from('this is not a protobuf model at all'));
    const truncated = handBuiltModel().slice(0, 60);
    for (const source of [garbage, truncated]) {
      const error = await caught(OnnxModel.load(source));
      expect(OnnxModelError.isInstance(error)).toBe(true);
      expect((error as OnnxModelError).reason).toBe('invalid-model');
    }
    const missing = await caught(OnnxModel.load(join(dir, 'nope.onnx')));
    expect((missing as OnnxModelError).reason).toBe('not-found');
    expect((missing as Error).message).toContain('nope.onnx');
  });

  it('closes once, refuses to run after close, and closes even when the callback throws', async () => {
    const model = await OnnxModel.load(handBuiltModel());
    await model.close();
    await model.close();
    expect(model.closed).toBe(true);
    const error = await caught(model.run(feeds()));
    expect((error as OnnxModelError).reason).toBe('closed');
    let kept: OnnxModel | undefined;
    const thrown = await caught(
      withOnnxModel(handBuiltModel(), (m) => {
        kept = m;
        throw new Error('boom');
      }),
    );
    expect((thrown as Error).message).toBe('boom');
    expect(kept?.closed).toBe(true);
  });

  it('throws MissingDependencyError when onnxruntime-node cannot be imported', async () => {
    const importer = () =>
      Promise.reject(
        Object.assign(new Error("Cannot find package 'onnxruntime-node'"), { code: 'ERR_MODULE_NOT_FOUND' }),
      );
    const error = await caught(OnnxModel.load(handBuiltModel(), { importer }));
    expect(MissingDependencyError.isInstance(error)).toBe(true);
    expect((error as MissingDependencyError).packageName).toBe('onnxruntime-node');
  });

  it('validates the threads option', async () => {
    const error = await caught(OnnxModel.load(handBuiltModel(), { threads: 0 }));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
  });
});
