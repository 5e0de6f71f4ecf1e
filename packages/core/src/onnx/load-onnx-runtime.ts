import { MissingDependencyError } from '../errors/missing-dependency-error';

/** The parts of `onnxruntime-node` that OnnxModel uses. */
export type OnnxRuntime = typeof import('onnxruntime-node');

let cached: Promise<OnnxRuntime> | undefined;

/**
 * Imports the optional peer `onnxruntime-node` once. `importer` is for tests.
 * Throws `MissingDependencyError` when it is not installed or its native binary does not load.
 */
export function loadOnnxRuntime(importer?: () => Promise<unknown>): Promise<OnnxRuntime> {
  if (importer) return load(importer);
  cached ??= load(() => import('onnxruntime-node')).catch((error) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function load(importer: () => Promise<unknown>): Promise<OnnxRuntime> {
  try {
    const module = (await importer()) as OnnxRuntime & { default?: OnnxRuntime };
    const runtime = module.InferenceSession ? module : module.default;
    if (!runtime?.InferenceSession) throw new Error('module has no InferenceSession export');
    return runtime;
  } catch (error) {
    throw new MissingDependencyError({
      packageName: 'onnxruntime-node',
      feature: 'ONNX inference (OnnxModel)',
      cause: error,
    });
  }
}
