import { throwIfAborted } from '../progress/progress';
import type { BehaviorEvent } from '../schema/behavior-event';
import type { AppendOptions, AppendResult } from './storage';

/** What `bulkLoadEvents` needs of a SQL store; errors come out already wrapped as `AdapterError`. */
export interface BulkLoadTarget {
  /** Drops the per-user index when it exists. */
  dropUserIndex(): Promise<void>;
  /** Builds the per-user index unless it exists. */
  buildUserIndex(): Promise<void>;
  append(events: readonly BehaviorEvent[], options: AppendOptions): Promise<AppendResult>;
}

/**
 * Appends every batch with the per-user index dropped, then builds that index once (a sort of
 * the whole table instead of one insert at a random place per event). Each batch commits as it
 * would through `appendEvents`; queries stay correct meanwhile (user scans read the table). The
 * index is rebuilt when a batch fails or the load is aborted too, and on the next open when the
 * process died during the load.
 */
export async function bulkLoadEvents(
  target: BulkLoadTarget,
  batches: AsyncIterable<readonly BehaviorEvent[]> | Iterable<readonly BehaviorEvent[]>,
  options: AppendOptions,
): Promise<AppendResult> {
  throwIfAborted(options.signal);
  await target.dropUserIndex();
  let inserted = 0;
  let duplicates = 0;
  let failure: unknown;
  try {
    for await (const batch of batches) {
      const result = await target.append(batch, { signal: options.signal });
      inserted += result.inserted;
      duplicates += result.duplicates;
      options.onProgress?.({ stage: 'append', completed: inserted + duplicates });
    }
  } catch (error) {
    failure = error;
  }
  try {
    await target.buildUserIndex();
  } catch (error) {
    // A failure of the load itself matters more; the next open rebuilds a missing index anyway.
    if (failure === undefined) throw error;
  }
  if (failure !== undefined) throw failure;
  return { inserted, duplicates };
}
