import type { Storage } from '@shoppilot/core';

/**
 * Key-value part of the core Storage interface in memory, for approval-gate tests (the gate uses only
 * getState/setState/listState). Other methods throw.
 */
export function memoryStateStorage(): Storage {
  const state = new Map<string, unknown>();
  const unsupported = () => {
    throw new Error('not used by these tests');
  };
  return {
    kind: 'memory-state',
    appendEvents: unsupported,
    scanEvents: unsupported,
    countEvents: unsupported,
    listUsers: unsupported,
    getState: async <T>(key: string) => structuredClone(state.get(key)) as T | undefined,
    setState: async (key: string, value: unknown) => {
      state.set(key, structuredClone(value));
    },
    deleteState: async (key: string) => state.delete(key),
    listState: async <T>(prefix: string) =>
      [...state]
        .filter(([key]) => key.startsWith(prefix))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => ({ key, value: structuredClone(value) as T })),
    putArtifact: unsupported,
    getArtifact: unsupported,
    listArtifactVersions: unsupported,
    deleteUser: unsupported,
    close: async () => {},
  } as Storage;
}
