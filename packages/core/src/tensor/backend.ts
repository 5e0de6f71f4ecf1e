import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { registerChainedOps } from './chained-ops';
import { registerWasmFallbackKernels } from './wasm-fallback-kernels';

registerChainedOps();

/** Tensor backends in the order they are tried. */
export const TENSOR_BACKENDS = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'] as const;
export type TensorBackendName = (typeof TENSOR_BACKENDS)[number];

export interface TensorBackendOptions {
  /**
   * Force a backend instead of picking the best installed one. Default: the
   * `SHOPPILOT_TF_BACKEND` environment variable, else the first that loads of
   * tfjs-node-gpu, tfjs-node, wasm, cpu.
   */
  backend?: TensorBackendName;
  /** Threads for the wasm backend. Default: what the wasm backend picks. */
  wasmThreads?: number;
}

export interface TensorBackendInfo {
  /** The backend in use. */
  backend: TensorBackendName;
  /** tfjs's own name for it (`tensorflow`, `wasm`, `cpu`). */
  tfjsName: string;
  /** What was tried before it and why it was skipped. */
  tried: Array<{ backend: TensorBackendName; error: string }>;
}

let current: Promise<TensorBackendInfo> | undefined;
let currentKey: string | undefined;

/**
 * Chooses and initialises the tensor backend once per process (repeated calls with the same
 * choice return the same result). Native backends are optional peers; wasm is the embedded default.
 */
export function initTensorBackend(options: TensorBackendOptions = {}): Promise<TensorBackendInfo> {
  const requested = options.backend ?? envBackend();
  const key = requested ?? 'auto';
  if (current && currentKey === key) return current;
  currentKey = key;
  current = select(requested, options).catch((error) => {
    current = undefined;
    throw error;
  });
  return current;
}

function envBackend(): TensorBackendName | undefined {
  const value = process.env.SHOPPILOT_TF_BACKEND?.trim();
  if (!value) return undefined;
  if (!(TENSOR_BACKENDS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError({
      argument: 'SHOPPILOT_TF_BACKEND',
      message: `must be one of ${TENSOR_BACKENDS.join(', ')}`,
      value,
    });
  }
  return value as TensorBackendName;
}

async function select(
  requested: TensorBackendName | undefined,
  options: TensorBackendOptions,
): Promise<TensorBackendInfo> {
  const candidates = requested ? [requested] : [...TENSOR_BACKENDS];
  const tried: TensorBackendInfo['tried'] = [];
  for (const backend of candidates) {
    try {
      const tfjsName = await activate(backend, options);
      return { backend, tfjsName, tried };
    } catch (error) {
      tried.push({ backend, error: error instanceof Error ? error.message : String(error) });
      if (requested)
        throw new InvalidArgumentError({
          argument: 'backend',
          message: `cannot initialise ${backend}: ${tried[0].error}`,
          value: backend,
          cause: error,
        });
    }
  }
  throw new InvalidArgumentError({
    argument: 'backend',
    message: `no tensor backend could be initialised: ${JSON.stringify(tried)}`,
  });
}

async function activate(backend: TensorBackendName, options: TensorBackendOptions): Promise<string> {
  switch (backend) {
    case 'tfjs-node-gpu':
    case 'tfjs-node': {
      await import(/* @vite-ignore */ `@tensorflow/${backend}`);
      return setBackend('tensorflow');
    }
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (options.wasmThreads) wasm.setThreadsCount(options.wasmThreads);
      registerWasmFallbackKernels();
      return setBackend('wasm');
    }
    case 'cpu': {
      await import('@tensorflow/tfjs-backend-cpu');
      return setBackend('cpu');
    }
  }
}

async function setBackend(name: string): Promise<string> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') returned false`);
  await tf.ready();
  return name;
}
