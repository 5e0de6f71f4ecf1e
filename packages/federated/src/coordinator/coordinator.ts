import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStorage, type Storage } from '@shoppilot/core';
import { CkksSession } from '../crypto/ckks-session';
import { gaussianPrivacyBudget } from '../privacy/rdp-accountant';
import { exchange } from '../protocol/http-client';
import { startFrameServer } from '../protocol/http-server';
import { ReplayGuard } from '../protocol/replay-guard';
import { checkCredentials } from '../protocol/signing';
import { bytesToFloat64, float64ToBytes } from '../vector/vector-ops';
import { ClientRegistry } from './client-registry';
import { closeAttempt } from './close-attempt';
import type { CoordinatorEvent, CoordinatorOptions, FederationResult } from './coordinator-options';
import { coordinatorRoutes, type Poller } from './coordinator-routes';
import { quorumCount, type ResolvedPlan, resolvePlan } from './federation-plan';
import { RoundAttempt } from './round-attempt';
import { RoundLog, type RoundLogEntry, type RunProgress } from './round-log';
import { createAccumulator } from './update-accumulator';

export interface CoordinatorHandle {
  url: string;
  /** Resolves when the run completes or fails (never hangs on a dead client: every wait has a deadline). */
  done: Promise<FederationResult>;
  log: RoundLog;
  /**
   * After the run: resolves once every client that was live has been told the run is over (and got
   * the final model), or after `timeoutMs`. Call before `close()` so clients do not retry into a void.
   */
  drained(timeoutMs?: number): Promise<void>;
  /** Stops the server and the run. */
  close(): Promise<void>;
}

/** Starts a coordinator: resumes from its round log, serves clients, runs rounds until the plan is done. */
export async function startCoordinator(options: CoordinatorOptions): Promise<CoordinatorHandle> {
  const coordinator = new Coordinator(options, resolvePlan(options.plan));
  return coordinator.start();
}

/** @internal The coordinator's state, shared with its HTTP routes. */
export class Coordinator {
  readonly plan: ResolvedPlan;
  readonly options: CoordinatorOptions;
  readonly tokens: Map<string, string>;
  readonly pollers = new Set<Poller>();
  readonly closedRoundIds = new Set<string>();
  readonly stop = new AbortController();
  /** Clients told that the run is over. */
  readonly told = new Set<string>();
  log!: RoundLog;
  registry!: ClientRegistry;
  progress!: RunProgress;
  global: Float64Array | undefined;
  attempt: RoundAttempt | undefined;
  ckks: CkksSession | undefined;
  keyFingerprint: string | undefined;
  #server: Server | undefined;
  #ownStorage: Storage | undefined;

  constructor(options: CoordinatorOptions, plan: ResolvedPlan) {
    this.options = options;
    this.plan = plan;
    for (const [i, credentials] of options.clients.entries()) checkCredentials(credentials, `clients[${i}]`);
    this.tokens = new Map(options.clients.map((c) => [c.id, c.token]));
  }

  async start(): Promise<CoordinatorHandle> {
    const storage = await this.#openStorage();
    this.log = new RoundLog(storage, this.plan.name);
    this.progress = await this.log.progress();
    this.global = await this.log.global();
    this.registry = new ClientRegistry(await this.log.clients());
    if (this.progress.lastCompletedRound > 0)
      this.emit({ type: 'resumed', lastCompletedRound: this.progress.lastCompletedRound });
    if (this.plan.secure === 'ckks') await this.#prepareCkks();
    const { server, url } = await startFrameServer(
      {
        routes: coordinatorRoutes(this),
        tokenOf: (id) => this.tokens.get(id),
        replayGuard: new ReplayGuard({ maxSkewMs: this.options.maxSkewMs }),
        onRejected: (record) => {
          void this.log.rejection(record);
          this.attempt?.refuse(record.clientId ?? '?', record.reason);
          this.emit({
            type: 'rejected',
            clientId: record.clientId,
            reason: record.reason,
            message: record.message,
            path: record.path,
          });
        },
        onReceive: this.options.onReceive,
      },
      { host: this.options.host, port: this.options.port },
    );
    this.#server = server;
    this.emit({ type: 'listening', url });
    const done = this.#run().finally(() => this.wakePollers());
    return {
      url,
      done,
      log: this.log,
      drained: (timeoutMs) => this.#drained(done, timeoutMs),
      close: () => this.#close(),
    };
  }

  emit(event: CoordinatorEvent): void {
    this.options.onEvent?.(event);
  }

  /** Answers every held poll whose answer may have changed. */
  wakePollers(): void {
    for (const poller of [...this.pollers]) poller.wake();
  }

  async #run(): Promise<FederationResult> {
    while (this.progress.lastCompletedRound < this.plan.rounds && !this.progress.finished) {
      const round = this.progress.lastCompletedRound + 1;
      let completed = false;
      for (let attempt = 1; attempt <= this.plan.maxAttempts && !completed; attempt++) {
        const selected = await this.#waitForClients(round, attempt);
        if (!selected) {
          if (!this.stop.signal.aborted) await this.#logNoClients(round, attempt);
          return this.#finish('failed');
        }
        completed = await this.#runAttempt(round, attempt, selected);
      }
      if (!completed) return this.#finish('failed');
    }
    return this.#finish('completed');
  }

  async #runAttempt(round: number, attempt: number, selected: string[]): Promise<boolean> {
    const weights = new Map(
      selected.map((id) => [id, this.plan.privacy ? 1 : (this.registry.records.get(id)?.samples ?? 0)]),
    );
    const maskingKeys =
      this.plan.secure === 'masking'
        ? new Map(selected.map((id) => [id, Buffer.from(this.registry.records.get(id)!.maskingKey!, 'hex')]))
        : undefined;
    const current = new RoundAttempt({
      round,
      attempt,
      selected,
      weights,
      quorum: quorumCount(this.plan, selected.length),
      deadline: Date.now() + this.plan.roundTimeoutMs,
      accumulator: createAccumulator(this.plan, this.progress.parameterCount!, this.ckks),
      maskingKeys,
    });
    this.attempt = current;
    this.emit({ type: 'round-started', round, attempt, selected, deadline: current.deadline });
    this.wakePollers();
    try {
      const outcome = await closeAttempt(this, current);
      return await this.#record(current, outcome);
    } finally {
      current.accumulator.dispose();
      this.closedRoundIds.add(current.roundId);
      this.attempt = undefined;
      this.wakePollers();
    }
  }

  async #record(
    current: RoundAttempt,
    outcome: { global?: Float64Array; reason?: string },
  ): Promise<boolean> {
    const entry: RoundLogEntry = {
      round: current.round,
      attempt: current.attempt,
      roundId: current.roundId,
      status: outcome.global ? 'completed' : 'failed',
      reason: outcome.reason,
      selected: current.selected,
      contributors: [...current.contributors],
      dropped: current.selected.filter((id) => !current.contributors.includes(id)),
      refused: current.refused,
      startedAt: current.startedAt,
      closedAt: Date.now(),
      bytes: current.bytes,
      metrics: weightedMetrics(current),
      privacy:
        this.plan.privacy && outcome.global
          ? gaussianPrivacyBudget(this.plan.privacy.noiseMultiplier, current.round, this.plan.privacy.delta)
          : undefined,
    };
    if (!outcome.global) {
      await this.log.fail(entry);
      this.emit({ type: 'round-failed', entry });
      return false;
    }
    this.progress = { ...this.progress, lastCompletedRound: current.round };
    await this.log.complete(entry, outcome.global, this.progress);
    this.global = outcome.global;
    this.emit({ type: 'round-completed', entry });
    this.options.onProgress?.({
      stage: 'round',
      completed: current.round,
      total: this.plan.rounds,
      metrics: entry.metrics,
    });
    return true;
  }

  /** Waits (abortably) until enough live clients can be selected; undefined when stopped. */
  async #waitForClients(round: number, attempt: number): Promise<string[] | undefined> {
    const liveness = this.options.livenessMs ?? 30_000;
    const giveUp = Date.now() + this.plan.waitForClientsMs;
    while (!this.stop.signal.aborted && Date.now() < giveUp) {
      const live = this.registry
        .live(liveness)
        .filter((id) => this.plan.secure !== 'masking' || this.registry.records.get(id)?.maskingKey);
      const needed =
        round === 1 && attempt === 1
          ? Math.max(this.plan.minClients, this.plan.minUpdates)
          : this.plan.minUpdates;
      if (live.length >= needed) {
        return this.registry.select(
          live,
          this.plan.clientsPerRound,
          this.plan.seed * 100_003 + round * 101 + attempt,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return undefined;
  }

  async #logNoClients(round: number, attempt: number): Promise<void> {
    const now = Date.now();
    const entry: RoundLogEntry = {
      round,
      attempt,
      roundId: '',
      status: 'failed',
      reason: `fewer live clients than needed for ${this.plan.waitForClientsMs} ms`,
      selected: [],
      contributors: [],
      dropped: [],
      refused: [],
      startedAt: now - this.plan.waitForClientsMs,
      closedAt: now,
      bytes: {},
      metrics: {},
    };
    await this.log.fail(entry);
    this.emit({ type: 'round-failed', entry });
  }

  async #finish(status: 'completed' | 'failed'): Promise<FederationResult> {
    if (!this.stop.signal.aborted) {
      this.progress = { ...this.progress, finished: status };
      await this.log.setProgress(this.progress);
    }
    this.emit({ type: 'finished', status, lastCompletedRound: this.progress.lastCompletedRound });
    return {
      status,
      lastCompletedRound: this.progress.lastCompletedRound,
      global: this.global,
      rounds: await this.log.entries(),
    };
  }

  async #prepareCkks(): Promise<void> {
    this.ckks = await CkksSession.create(this.plan.ckks);
    const keyholder = this.options.keyholder;
    if (!keyholder) return;
    for (let tries = 0; ; tries++) {
      try {
        const { frame } = await exchange(
          keyholder.url,
          '/v1/public-key',
          undefined,
          { header: { type: 'public-key' } },
          { timeoutMs: 10_000 },
        );
        this.keyFingerprint = String(frame.header.fingerprint);
        return;
      } catch (error) {
        if (tries >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  /** Asks the key holder to decrypt an aggregate. */
  async decrypt(current: RoundAttempt, ciphertexts: Uint8Array[]): Promise<Float64Array> {
    const keyholder = this.options.keyholder!;
    const header = {
      type: 'decrypt',
      round: current.round,
      roundId: current.roundId,
      contributors: current.contributors,
      length: this.progress.parameterCount!,
    };
    const { frame } = await exchange(
      keyholder.url,
      '/v1/decrypt',
      keyholder.credentials,
      { header, blobs: ciphertexts },
      { timeoutMs: 120_000 },
    );
    return bytesToFloat64(frame.blobs[0] ?? new Uint8Array(0));
  }

  globalBytes(): Uint8Array {
    return this.global ? float64ToBytes(this.global) : new Uint8Array(0);
  }

  async #openStorage(): Promise<Storage> {
    const storage = this.options.storage ?? 'memory:';
    if (typeof storage !== 'string') return storage;
    this.#ownStorage = await createStorage(storage);
    return this.#ownStorage;
  }

  async #drained(done: Promise<unknown>, timeoutMs = 30_000): Promise<void> {
    await done;
    const until = Date.now() + timeoutMs;
    const waiting = () =>
      this.registry.live(this.options.livenessMs ?? 30_000).filter((id) => !this.told.has(id));
    while (Date.now() < until && waiting().length > 0)
      await new Promise((resolve) => setTimeout(resolve, 100));
  }

  async #close(): Promise<void> {
    this.stop.abort();
    this.wakePollers();
    await new Promise<void>((resolve) => {
      if (!this.#server) return resolve();
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    await this.log.flush();
    this.ckks?.dispose();
    await this.#ownStorage?.close();
  }

  address(): AddressInfo | undefined {
    return this.#server?.address() as AddressInfo | undefined;
  }
}

/** Sample-weighted means of the contributors' metrics. */
function weightedMetrics(current: RoundAttempt): Record<string, number> {
  const sums: Record<string, { value: number; weight: number }> = {};
  for (const id of current.contributors) {
    const weight = Math.max(current.weights.get(id) ?? 1, 1e-12);
    for (const [name, value] of Object.entries(current.metrics.get(id) ?? {})) {
      sums[name] ??= { value: 0, weight: 0 };
      sums[name].value += value * weight;
      sums[name].weight += weight;
    }
  }
  return Object.fromEntries(Object.entries(sums).map(([name, s]) => [name, s.value / s.weight]));
}
