import type { Storage } from '@shoppilot/core';
import type { PrivacyBudget } from '../privacy/rdp-accountant';
import type { RejectionRecord } from '../protocol/http-server';
import { bytesToFloat64, float64ToBytes } from '../vector/vector-ops';

/** One round attempt as it ended: kept in storage, the run's audit trail. */
export interface RoundLogEntry {
  round: number;
  attempt: number;
  roundId: string;
  status: 'completed' | 'failed';
  /** Why a failed attempt failed. */
  reason?: string;
  selected: string[];
  contributors: string[];
  /** Selected clients without an accepted update. */
  dropped: string[];
  /** Updates refused for this attempt (late, duplicate, malformed…), by client. */
  refused: Array<{ clientId: string; reason: string }>;
  startedAt: number;
  closedAt: number;
  /** Bytes per client: update body received, task body sent. */
  bytes: Record<string, { up: number; down: number }>;
  /** Sample-weighted means of the metrics the contributors reported. */
  metrics: Record<string, number>;
  privacy?: PrivacyBudget;
}

/** What a restarted coordinator resumes from. */
export interface RunProgress {
  lastCompletedRound: number;
  parameterCount?: number;
  layoutHash?: string;
  updateKind?: string;
  finished?: 'completed' | 'failed';
}

/** A client as registered by `join` (kept across coordinator restarts). */
export interface ClientRecord {
  samples: number;
  maskingKey?: string;
  joinedAt: number;
}

/**
 * The coordinator's persistent state in a core `Storage`: round log, progress, registered clients,
 * rejections, and every published global model as a versioned artifact. Writes are serialised.
 */
export class RoundLog {
  readonly storage: Storage;
  readonly prefix: string;
  #queue: Promise<unknown> = Promise.resolve();
  #rejections = 0;

  constructor(storage: Storage, name: string) {
    this.storage = storage;
    this.prefix = `federated/${name}`;
  }

  async progress(): Promise<RunProgress> {
    return (await this.storage.getState<RunProgress>(`${this.prefix}/progress`)) ?? { lastCompletedRound: 0 };
  }

  setProgress(progress: RunProgress): Promise<void> {
    return this.#write(() => this.storage.setState(`${this.prefix}/progress`, progress));
  }

  /** The latest published global model, if any. */
  async global(): Promise<Float64Array | undefined> {
    const artifact = await this.storage.getArtifact(`${this.prefix}/global`);
    return artifact ? bytesToFloat64(artifact.data) : undefined;
  }

  /** Publishes a completed round: global model artifact, log entry, then progress (the commit point). */
  complete(entry: RoundLogEntry, global: Float64Array, progress: RunProgress): Promise<void> {
    return this.#write(async () => {
      await this.storage.putArtifact(`${this.prefix}/global`, float64ToBytes(global), {
        metadata: { round: entry.round, roundId: entry.roundId },
      });
      await this.storage.setState(this.#entryKey(entry), entry);
      await this.storage.setState(`${this.prefix}/progress`, progress);
    });
  }

  fail(entry: RoundLogEntry): Promise<void> {
    return this.#write(() => this.storage.setState(this.#entryKey(entry), entry));
  }

  async entries(): Promise<RoundLogEntry[]> {
    return (await this.storage.listState<RoundLogEntry>(`${this.prefix}/round/`)).map((e) => e.value);
  }

  rejection(record: RejectionRecord): Promise<void> {
    const key = `${this.prefix}/rejection/${String(record.at).padStart(15, '0')}-${String(this.#rejections++).padStart(6, '0')}`;
    return this.#write(() => this.storage.setState(key, record));
  }

  async rejections(): Promise<RejectionRecord[]> {
    return (await this.storage.listState<RejectionRecord>(`${this.prefix}/rejection/`)).map((e) => e.value);
  }

  saveClient(id: string, record: ClientRecord): Promise<void> {
    return this.#write(() => this.storage.setState(`${this.prefix}/client/${id}`, record));
  }

  async clients(): Promise<Map<string, ClientRecord>> {
    const entries = await this.storage.listState<ClientRecord>(`${this.prefix}/client/`);
    return new Map(entries.map((e) => [e.key.slice(`${this.prefix}/client/`.length), e.value]));
  }

  /** Waits for every queued write. */
  flush(): Promise<unknown> {
    return this.#queue;
  }

  #entryKey(entry: RoundLogEntry): string {
    return `${this.prefix}/round/${String(entry.round).padStart(6, '0')}-${String(entry.attempt).padStart(3, '0')}`;
  }

  #write(task: () => Promise<unknown>): Promise<void> {
    const next = this.#queue.then(task);
    this.#queue = next.catch(() => undefined);
    return next.then(() => undefined);
  }
}
