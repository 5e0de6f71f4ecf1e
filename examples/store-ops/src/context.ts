import { rmSync } from 'node:fs';
import { createStorage, PostgresStorage, type Storage } from '@shoppilot/core';
import { type RetailData, readRetail } from './data/retail';
import type { DemoOptions } from './options';
import type { DemoReport } from './report/types';
import type { ProgressDisplay } from './runner/progress';

/** What the stages share: options, the store, the data read once, and the report they fill. */
export class DemoContext {
  readonly report: DemoReport;
  /** Results one stage hands to a later one (e.g. forecasts to replenishment). */
  readonly handoff: Partial<Handoff> = {};
  private storagePromise: Promise<Storage> | undefined;
  private retailPromise: Promise<RetailData> | undefined;

  constructor(
    readonly options: DemoOptions,
    readonly progress: ProgressDisplay,
    report: DemoReport,
  ) {
    this.report = report;
  }

  /** The Online Retail lines, read once (by the first stage that needs them). */
  retail(): Promise<RetailData> {
    this.retailPromise ??= readRetail(this.options.dataDir, this.options.sample, {
      onProgress: this.progress.callback('read CSV'),
    });
    return this.retailPromise;
  }

  /** The store at `--store-url`, opened once. */
  storage(): Promise<Storage> {
    this.storagePromise ??= createStorage(this.options.storeUrl);
    return this.storagePromise;
  }

  /** Empties the store (a fresh SQLite file, or a dropped PostgreSQL schema) and reopens it. */
  async resetStorage(): Promise<Storage> {
    if (this.storagePromise) {
      const open = await this.storagePromise.catch(() => undefined);
      await open?.close();
      this.storagePromise = undefined;
    }
    if (this.options.store === 'sqlite' && this.options.storeUrl.startsWith('sqlite:')) {
      const path = this.options.storeUrl.slice('sqlite:'.length).replace(/^\/\//, '');
      if (path !== ':memory:')
        for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
    const storage = await this.storage();
    if (storage instanceof PostgresStorage) {
      await storage.dropSchema();
      await storage.close();
      this.storagePromise = undefined;
      return this.storage();
    }
    return storage;
  }

  async close(): Promise<void> {
    const open = await this.storagePromise?.catch(() => undefined);
    await open?.close();
  }
}

/** Typed results passed between stages. */
export interface Handoff {
  /** Weekly demand forecasts per product (forecast → replenish). */
  demand: import('./stages/forecast').DemandHandoff;
  /** Primary persona per customer (profile → market). */
  personas: Map<string, string>;
}

/** A storage URL with any password hidden. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
