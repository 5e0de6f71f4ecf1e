import type { Storage } from '@shoppilot/core';
import type { DemoContext } from '../context';
import type { StageTools } from '../runner/stage-runner';

/**
 * Runs one part of a stage; when it throws, the stage goes on degraded (the error is recorded)
 * and the part's result is undefined.
 */
export async function attempt<T>(
  tools: StageTools,
  what: string,
  run: () => Promise<T>,
): Promise<T | undefined> {
  const started = performance.now();
  try {
    const result = await run();
    tools.note(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    tools.degrade(`${what} failed: ${message}`);
    return undefined;
  }
}

/** The store, filled from the data first when it holds no events (e.g. `--stages profile`). */
export async function ensureStore(context: DemoContext, tools: StageTools): Promise<Storage> {
  const storage = await context.storage();
  if ((await storage.countEvents({ limit: 1 })) > 0) return storage;
  tools.note('the store is empty: ingesting the data first');
  const { ingestStage } = await import('./ingest');
  await ingestStage.run(context, tools);
  return context.storage();
}
