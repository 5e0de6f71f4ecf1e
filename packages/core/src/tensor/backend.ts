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
  /** Why this one: forced by the `backend` option, by `SHOPPILOT_TF_BACKEND`, or picked automatically. */
  source: 'option' | 'environment' | 'auto';
  /** The backends tried before it, in order, and why each was skipped. */
  tried: Array<{ backend: TensorBackendName; error: string }>;
}

let current: Promise<TensorBackendInfo> | undefined;
let currentKey: string | undefined;

/**
 * Chooses and initialises the tensor backend (repeated calls with the same choice return the same
 * result while that backend stays active). Native backends are optional peers; wasm is the
 * embedded default. Rejects with `InvalidArgumentError` for an unknown name (option or
 * environment) or when a forced backend cannot be initialised, saying why.
 */
export async function initTensorBackend(options: TensorBackendOptions = {}): Promise<TensorBackendInfo> {
  const { requested, source } = requestedBackend(options);
  if (
    options.wasmThreads !== undefined &&
    (!Number.isInteger(options.wasmThreads) || options.wasmThreads < 1)
  ) {
    throw new InvalidArgumentError({
      argument: 'wasmThreads',
      message: 'must be a positive integer',
      value: options.wasmThreads,
    });
  }
  const key = `${requested ?? 'auto'}:${options.wasmThreads ?? ''}`;
  if (current && currentKey === key) {
    const info = await current.catch(() => undefined);
    if (info && tf.getBackend() === info.tfjsName) return info;
  }
  currentKey = key;
  current = select(requested, source, options).catch((error) => {
    current = undefined;
    throw error;
  });
  return current;
}

function requestedBackend(options: TensorBackendOptions): {
  requested: TensorBackendName | undefined;
  source: TensorBackendInfo['source'];
} {
  if (options.backend !== undefined)
    return { requested: checkName(options.backend, 'backend'), source: 'option' };
  const value = process.env.SHOPPILOT_TF_BACKEND?.trim();
  if (value) return { requested: checkName(value, 'SHOPPILOT_TF_BACKEND'), source: 'environment' };
  return { requested: undefined, source: 'auto' };
}

function checkName(value: string, argument: string): TensorBackendName {
  if (!(TENSOR_BACKENDS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError({
      argument,
      message: `must be one of ${TENSOR_BACKENDS.join(', ')}`,
      value,
    });
  }
  return value as TensorBackendName;
}

async function select(
  requested: TensorBackendName | undefined,
  source: TensorBackendInfo['source'],
  options: TensorBackendOptions,
): Promise<TensorBackendInfo> {
  const candidates = requested ? [requested] : [...TENSOR_BACKENDS];
  const tried: TensorBackendInfo['tried'] = [];
  for (const backend of candidates) {
    try {
      const tfjsName = await activate(backend, options);
      return { backend, tfjsName, source, tried };
    } catch (error) {
      tried.push({ backend, error: error instanceof Error ? error.message : String(error) });
      if (requested) {
        throw new InvalidArgumentError({
          argument: source === 'option' ? 'backend' : 'SHOPPILOT_TF_BACKEND',
          message: `cannot initialise ${backend}: ${tried[0].error}`,
          value: backend,
          cause: error,
        });
      }
    }
  }
  throw new InvalidArgumentError({
    argument: 'backend',
    message: `no tensor backend could be initialised: ${tried.map((t) => `${t.backend}: ${t.error}`).join('; ')}`,
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
