import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { initTensorBackend, TENSOR_BACKENDS } from './backend';

const saved = process.env.SHOPPILOT_TF_BACKEND;
afterEach(() => {
  if (saved === undefined) delete process.env.SHOPPILOT_TF_BACKEND;
  else process.env.SHOPPILOT_TF_BACKEND = saved;
});

function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

describe('initTensorBackend', () => {
  it('picks the first backend that loads and reports every one it skipped, in order', async () => {
    delete process.env.SHOPPILOT_TF_BACKEND;
    const info = await initTensorBackend();
    expect(info.source).toBe('auto');
    const position = TENSOR_BACKENDS.indexOf(info.backend);
    expect(info.tried.map((t) => t.backend)).toEqual(TENSOR_BACKENDS.slice(0, position));
    for (const skipped of info.tried) expect(skipped.error.length).toBeGreaterThan(0);
    expect(tf.getBackend()).toBe(info.tfjsName);
    // The native backends cannot be installed on this kind of machine: wasm is the default here.
    if (!installed('@tensorflow/tfjs-node') && !installed('@tensorflow/tfjs-node-gpu'))
      expect(info.backend).toBe('wasm');
  });

  it('follows SHOPPILOT_TF_BACKEND, and the option overrides it', async () => {
    process.env.SHOPPILOT_TF_BACKEND = 'cpu';
    const fromEnv = await initTensorBackend();
    expect(fromEnv).toMatchObject({ backend: 'cpu', tfjsName: 'cpu', source: 'environment', tried: [] });
    expect(tf.getBackend()).toBe('cpu');
    const forced = await initTensorBackend({ backend: 'wasm' });
    expect(forced).toMatchObject({ backend: 'wasm', source: 'option' });
    expect(tf.getBackend()).toBe('wasm');
    // Same choice again: the cached result, as long as that backend is still active.
    expect(await initTensorBackend({ backend: 'wasm' })).toBe(forced);
    await tf.setBackend('cpu');
    const again = await initTensorBackend({ backend: 'wasm' });
    expect(again).not.toBe(forced);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('rejects unknown names from the environment and the option', async () => {
    process.env.SHOPPILOT_TF_BACKEND = 'webgpu';
    const fromEnv = await initTensorBackend().catch((error: unknown) => error);
    expect(InvalidArgumentError.isInstance(fromEnv)).toBe(true);
    expect((fromEnv as InvalidArgumentError).argument).toBe('SHOPPILOT_TF_BACKEND');
    expect((fromEnv as Error).message).toContain('tfjs-node-gpu, tfjs-node, wasm, cpu');
    const fromOption = await initTensorBackend({ backend: 'gpu' as never }).catch((error: unknown) => error);
    expect((fromOption as InvalidArgumentError).argument).toBe('backend');
    const threads = await initTensorBackend({ backend: 'wasm', wasmThreads: 0 }).catch(
      (error: unknown) => error,
    );
    expect((threads as InvalidArgumentError).argument).toBe('wasmThreads');
  });

  it('a forced backend that cannot load is an error naming it, not a silent fallback', async () => {
    delete process.env.SHOPPILOT_TF_BACKEND;
    const result = await initTensorBackend({ backend: 'tfjs-node' }).catch((error: unknown) => error);
    if (installed('@tensorflow/tfjs-node')) {
      expect(result).toMatchObject({ backend: 'tfjs-node', tfjsName: 'tensorflow' });
    } else {
      expect(InvalidArgumentError.isInstance(result)).toBe(true);
      expect((result as Error).message).toMatch(/cannot initialise tfjs-node: .*tfjs-node/);
    }
  });
});
