import * as tf from '@tensorflow/tfjs-core';

type TypedArray = Float32Array | Int32Array | Uint8Array;

/**
 * `UnsortedSegmentSum` in plain JS over the backend's read/write API. tfjs-backend-wasm 4.22 lacks
 * this kernel, and the gradient of `Gather` needs it, so without it an `Embedding` cannot be
 * trained on wasm ("Kernel 'UnsortedSegmentSum' not registered").
 */
const unsortedSegmentSum: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const numSegments = Number((attrs as { numSegments: number }).numSegments);
  const kernelBackend = backend as tf.KernelBackend;
  const values = kernelBackend.readSync(x.dataId) as TypedArray;
  const ids = kernelBackend.readSync(segmentIds.dataId) as TypedArray;
  const rows = x.shape[0] ?? 1;
  const inner = rows === 0 ? 0 : values.length / rows;
  const out =
    x.dtype === 'int32' ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner);
  for (let row = 0; row < rows; row++) {
    const segment = ids[row];
    if (segment < 0 || segment >= numSegments) continue;
    for (let k = 0; k < inner; k++) out[segment * inner + k] += values[row * inner + k];
  }
  const shape = [numSegments, ...x.shape.slice(1)];
  return { dataId: kernelBackend.write(out, shape, x.dtype), shape, dtype: x.dtype };
};

/** Registers JS kernels the wasm backend is missing (idempotent). */
export function registerWasmFallbackKernels(): void {
  if (!tf.getKernel('UnsortedSegmentSum', 'wasm')) {
    tf.registerKernel({
      kernelName: 'UnsortedSegmentSum',
      backendName: 'wasm',
      kernelFunc: unsortedSegmentSum,
    });
  }
}
