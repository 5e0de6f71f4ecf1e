import { MissingDependencyError } from '@shoppilot/core';
import type { MainModule } from 'node-seal';

export type SealModule = MainModule;

let cached: Promise<SealModule> | undefined;

/** Loads node-seal's WebAssembly once per process (about 0.3 s). */
export function loadSeal(): Promise<SealModule> {
  cached ??= load().catch((error) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function load(): Promise<SealModule> {
  let factory: () => Promise<SealModule>;
  try {
    factory = (await import('node-seal')).default as unknown as () => Promise<SealModule>;
  } catch (error) {
    throw new MissingDependencyError({
      packageName: 'node-seal',
      feature: 'CKKS-encrypted aggregation',
      cause: error,
    });
  }
  return factory();
}
