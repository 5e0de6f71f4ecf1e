import { throwIfAborted } from '../progress/progress';
import type { BehaviorEvent } from '../schema/behavior-event';
import { compareCodePoints, prefixUpperBound } from './code-point-order';
import { MemoryEventIndex } from './memory-event-index';
import { prepareEvents } from './prepare-events';
import type {
  AppendOptions,
  AppendResult,
  Artifact,
  ArtifactInfo,
  DeleteUserReport,
  EventQuery,
  PutArtifactOptions,
  StateOptions,
  Storage,
  StoredEvent,
} from './storage';
import {
  checkBytes,
  checkName,
  checkPrefix,
  checkQuery,
  checkVersion,
  closedError,
  encodeJson,
  encodeMetadata,
} from './storage-values';

interface StateEntry {
  json: string;
  userId?: string;
}

interface ArtifactEntry {
  info: ArtifactInfo;
  metadataJson: string;
  data: Uint8Array;
  userId?: string;
}

/**
 * Storage in the process's memory: for tests, notebooks and short jobs. Same semantics as the
 * SQLite and PostgreSQL adapters (values go through JSON, bytes are copied in and out), nothing
 * survives the process.
 */
export class MemoryStorage implements Storage {
  readonly kind = 'memory';
  readonly #events = new MemoryEventIndex();
  readonly #state = new Map<string, StateEntry>();
  readonly #artifacts = new Map<string, ArtifactEntry[]>();
  #closed = false;

  async appendEvents(events: readonly BehaviorEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.#assertOpen();
    throwIfAborted(options.signal);
    const prepared = prepareEvents(events);
    let inserted = 0;
    for (const event of prepared) if (this.#events.add(event)) inserted++;
    options.onProgress?.({ stage: 'append', completed: prepared.length, total: prepared.length });
    return { inserted, duplicates: prepared.length - inserted };
  }

  async *scanEvents(query?: EventQuery): AsyncIterable<StoredEvent> {
    this.#assertOpen();
    for (const event of this.#events.select(checkQuery(query))) yield copyEvent(event);
  }

  async countEvents(query?: EventQuery): Promise<number> {
    this.#assertOpen();
    return this.#events.select(checkQuery(query)).length;
  }

  async *listUsers(): AsyncIterable<string> {
    this.#assertOpen();
    yield* this.#events.users();
  }

  async getState<T = unknown>(key: string): Promise<T | undefined> {
    this.#assertOpen();
    const entry = this.#state.get(checkName(key, 'key'));
    return entry ? (JSON.parse(entry.json) as T) : undefined;
  }

  async setState(key: string, value: unknown, options: StateOptions = {}): Promise<void> {
    this.#assertOpen();
    checkName(key, 'key');
    const userId = options.userId === undefined ? undefined : checkName(options.userId, 'userId');
    this.#state.set(key, { json: encodeJson(value, 'value'), userId });
  }

  async deleteState(key: string): Promise<boolean> {
    this.#assertOpen();
    return this.#state.delete(checkName(key, 'key'));
  }

  async listState<T = unknown>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    this.#assertOpen();
    checkPrefix(prefix);
    const bound = prefixUpperBound(prefix);
    return [...this.#state.keys()]
      .filter(
        (key) =>
          compareCodePoints(key, prefix) >= 0 && (bound === undefined || compareCodePoints(key, bound) < 0),
      )
      .sort(compareCodePoints)
      .map((key) => ({ key, value: JSON.parse((this.#state.get(key) as StateEntry).json) as T }));
  }

  async putArtifact(name: string, data: Uint8Array, options: PutArtifactOptions = {}): Promise<ArtifactInfo> {
    this.#assertOpen();
    checkName(name, 'name');
    const bytes = checkBytes(data).slice();
    const userId = options.userId === undefined ? undefined : checkName(options.userId, 'userId');
    const metadataJson = encodeMetadata(options.metadata);
    const versions = this.#artifacts.get(name) ?? [];
    const version = (versions[versions.length - 1]?.info.version ?? 0) + 1;
    const info: ArtifactInfo = {
      name,
      version,
      createdAt: Date.now(),
      size: bytes.byteLength,
      metadata: JSON.parse(metadataJson),
    };
    versions.push({ info, metadataJson, data: bytes, userId });
    this.#artifacts.set(name, versions);
    return copyInfo(versions[versions.length - 1]);
  }

  async getArtifact(name: string, version?: number): Promise<Artifact | undefined> {
    this.#assertOpen();
    checkName(name, 'name');
    checkVersion(version);
    const versions = this.#artifacts.get(name) ?? [];
    const entry =
      version === undefined
        ? versions[versions.length - 1]
        : versions.find((v) => v.info.version === version);
    return entry ? { info: copyInfo(entry), data: entry.data.slice() } : undefined;
  }

  async listArtifactVersions(name: string): Promise<ArtifactInfo[]> {
    this.#assertOpen();
    return (this.#artifacts.get(checkName(name, 'name')) ?? []).map(copyInfo);
  }

  async deleteUser(userId: string): Promise<DeleteUserReport> {
    this.#assertOpen();
    checkName(userId, 'userId');
    const events = this.#events.deleteUser(userId);
    let stateKeys = 0;
    for (const [key, entry] of this.#state) {
      if (entry.userId === userId && this.#state.delete(key)) stateKeys++;
    }
    let artifacts = 0;
    for (const [name, versions] of this.#artifacts) {
      const kept = versions.filter((entry) => entry.userId !== userId);
      artifacts += versions.length - kept.length;
      if (kept.length === 0) this.#artifacts.delete(name);
      else this.#artifacts.set(name, kept);
    }
    return { userId, events, stateKeys, artifacts };
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw closedError(this.kind);
  }
}

function copyEvent(event: StoredEvent): StoredEvent {
  const copy = { ...event };
  if (event.context) copy.context = { ...event.context };
  return copy;
}

function copyInfo(entry: ArtifactEntry): ArtifactInfo {
  return { ...entry.info, metadata: JSON.parse(entry.metadataJson) };
}
