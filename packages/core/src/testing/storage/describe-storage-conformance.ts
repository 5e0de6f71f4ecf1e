import { afterEach, describe } from 'vitest';
import type { Storage } from '../../storage/storage';
import { defineArtifactTests } from './artifact-tests';
import type { ConformanceContext, StorageConformanceOptions } from './conformance-context';
import { defineEventOrderingTests } from './event-ordering-tests';
import { defineEventWriteTests } from './event-write-tests';
import { definePrivacyTests } from './privacy-tests';
import { defineReopenTests } from './reopen-tests';
import { defineStateTests } from './state-tests';

/**
 * The storage conformance suite: every adapter of the `Storage` interface runs it from its own
 * test file. It checks event ordering and time-range edges, filters, concurrent writers,
 * idempotent re-append, a large batch, validation, exact round trips of hostile Unicode, key-value
 * state, artifact versioning, deleteUser, the closed state and — with `reopen` — that a store
 * written by a killed child process is complete when reopened.
 *
 * ```ts
 * describeStorageConformance('sqlite', { create: () => new SqliteStorage(), reopen: () => `sqlite:${tmpFile()}` });
 * ```
 */
export function describeStorageConformance(name: string, options: StorageConformanceOptions): void {
  describe(`${name} (storage conformance)`, () => {
    const opened: Storage[] = [];
    afterEach(async () => {
      for (const storage of opened.splice(0)) {
        await (options.dispose ? options.dispose(storage) : storage.close());
      }
    });
    const context: ConformanceContext = {
      options,
      async open() {
        const storage = await options.create();
        opened.push(storage);
        return storage;
      },
    };
    defineEventOrderingTests(context);
    defineEventWriteTests(context);
    defineStateTests(context);
    defineArtifactTests(context);
    definePrivacyTests(context);
    if (options.reopen) defineReopenTests(context, options.reopen);
  });
}
