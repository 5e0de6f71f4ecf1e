import type { ProgressDisplay } from './progress';

export type StageStatus = 'ok' | 'degraded' | 'failed' | 'skipped';

/** What the report shows about one stage. */
export interface StageRecord {
  name: string;
  title: string;
  status: StageStatus;
  /** Wall-clock seconds. */
  seconds: number;
  /** User + system CPU seconds of this process during the stage, plus those of the child processes it reported. */
  cpuSeconds: number;
  /** The part of `cpuSeconds` spent in child processes the stage started (e.g. federated roles). */
  childCpuSeconds?: number;
  /** Why the stage ran degraded (a fallback fired, part of the work failed). */
  degradations: string[];
  /** Things worth knowing that did not degrade the result. */
  notes: string[];
  error?: { name: string; message: string; stack?: string };
}

/** Handed to each stage: record degradations and notes, draw progress. */
export interface StageTools {
  progress: ProgressDisplay;
  /** The stage still produced a result, but a fallback or partial failure happened. */
  degrade(reason: string): void;
  note(text: string): void;
  /** Adds CPU time spent in child processes the stage started (they are not in this process's usage). */
  addChildCpu(seconds: number): void;
}

export interface StageDefinition<C> {
  name: string;
  title: string;
  run(context: C, tools: StageTools): Promise<void>;
}

export interface RunStagesOptions {
  /** Names of the stages to run; the others are recorded as skipped. */
  selected: readonly string[];
  /** Stages made to throw before they start (testing the degraded report). */
  injectFailure?: readonly string[];
  progress: ProgressDisplay;
}

function describeError(error: unknown): StageRecord['error'] {
  if (error instanceof Error) {
    const stack = error.stack?.split('\n').slice(1, 6).join('\n');
    return { name: error.name, message: error.message, stack };
  }
  return { name: 'Error', message: String(error) };
}

/** Runs one stage, catching its failure so the next stages still run. */
export async function runStage<C>(
  stage: StageDefinition<C>,
  context: C,
  options: RunStagesOptions,
): Promise<StageRecord> {
  const record: StageRecord = {
    name: stage.name,
    title: stage.title,
    status: 'ok',
    seconds: 0,
    cpuSeconds: 0,
    degradations: [],
    notes: [],
  };
  const tools: StageTools = {
    progress: options.progress,
    degrade: (reason) => {
      record.degradations.push(reason);
      options.progress.line(`  degraded: ${reason}`);
    },
    note: (text) => {
      record.notes.push(text);
      options.progress.line(`  ${text}`);
    },
    addChildCpu: (seconds) => {
      record.childCpuSeconds = (record.childCpuSeconds ?? 0) + seconds;
    },
  };
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const stopHeartbeat = options.progress.heartbeat(stage.name);
  try {
    if (options.injectFailure?.includes(stage.name)) {
      throw new Error(`failure injected into stage "${stage.name}" (--inject-failure)`);
    }
    await stage.run(context, tools);
    if (record.degradations.length > 0) record.status = 'degraded';
  } catch (error) {
    record.status = 'failed';
    record.error = describeError(error);
  } finally {
    stopHeartbeat();
  }
  const cpu = process.cpuUsage(cpuStart);
  record.seconds = (performance.now() - wallStart) / 1000;
  record.cpuSeconds = (cpu.user + cpu.system) / 1e6 + (record.childCpuSeconds ?? 0);
  return record;
}

/** Runs the selected stages in order; a failed stage is recorded and the rest still run. */
export async function runStages<C>(
  stages: readonly StageDefinition<C>[],
  context: C,
  options: RunStagesOptions,
): Promise<StageRecord[]> {
  const records: StageRecord[] = [];
  const selected = stages.filter((stage) => options.selected.includes(stage.name));
  let index = 0;
  for (const stage of stages) {
    if (!options.selected.includes(stage.name)) {
      records.push({ ...emptyRecord(stage), status: 'skipped' });
      continue;
    }
    index++;
    options.progress.line(`[${index}/${selected.length}] ${stage.title}`);
    const record = await runStage(stage, context, options);
    const detail = record.error ? `: ${record.error.name}: ${record.error.message}` : '';
    options.progress.line(
      `[${index}/${selected.length}] ${stage.name} ${record.status} in ${record.seconds.toFixed(1)} s (CPU ${record.cpuSeconds.toFixed(1)} s)${detail}`,
    );
    records.push(record);
  }
  return records;
}

function emptyRecord<C>(stage: StageDefinition<C>): StageRecord {
  return {
    name: stage.name,
    title: stage.title,
    status: 'ok',
    seconds: 0,
    cpuSeconds: 0,
    degradations: [],
    notes: [],
  };
}
