import { readFile } from 'node:fs/promises';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { loadOnnxRuntime, type OnnxRuntime } from './load-onnx-runtime';
import { OnnxModelError } from './onnx-model-error';
import { type OnnxFeed, type OnnxTensorData, type OnnxValueInfo, validateFeeds } from './validate-feeds';

export interface OnnxModelOptions {
  /** Threads inside one operator (`intraOpNumThreads`). Default: onnxruntime's choice (all cores). */
  threads?: number;
  /** Graph optimisation level. Default `all`. */
  optimization?: 'disabled' | 'basic' | 'extended' | 'all';
  /** For tests: how to import onnxruntime-node. Default: `import('onnxruntime-node')`. */
  importer?: () => Promise<unknown>;
}

/** One output value: flat row-major data, its dimensions and ONNX element type. */
export interface OnnxOutput {
  data: OnnxTensorData;
  dims: number[];
  type: string;
}

export interface OnnxRunOptions {
  /** Output names to compute. Default: all outputs. */
  outputs?: string[];
}

/**
 * Any ONNX model (exported by `exportToOnnx` or trained elsewhere) run through onnxruntime-node
 * (optional peer, imported on first use). Feeds are checked against the model's inputs before the
 * runtime sees them. Close it with `close()` (or `await using model = await OnnxModel.load(…)`).
 */
export class OnnxModel {
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly source: string;
  private session: InferenceSession | undefined;
  private readonly runtime: OnnxRuntime;
  private readonly running = new Set<Promise<unknown>>();

  private constructor(runtime: OnnxRuntime, session: InferenceSession, source: string) {
    this.runtime = runtime;
    this.session = session;
    this.source = source;
    this.inputs = session.inputNames.map((name, i) => describe(name, session.inputMetadata?.[i]));
    this.outputs = session.outputNames.map((name, i) => describe(name, session.outputMetadata?.[i]));
  }

  /** Loads a model from a file path or from its bytes. */
  static async load(source: string | Uint8Array, options: OnnxModelOptions = {}): Promise<OnnxModel> {
    const label = typeof source === 'string' ? source : '<bytes>';
    if (options.threads !== undefined && (!Number.isInteger(options.threads) || options.threads < 1)) {
      throw new InvalidArgumentError({
        argument: 'threads',
        message: 'must be a positive integer',
        value: options.threads,
      });
    }
    const runtime = await loadOnnxRuntime(options.importer);
    const bytes = typeof source === 'string' ? await readModelFile(source) : source;
    let session: InferenceSession;
    try {
      session = await runtime.InferenceSession.create(bytes, sessionOptions(options));
    } catch (error) {
      throw new OnnxModelError({
        reason: 'invalid-model',
        source: label,
        message: `not a loadable ONNX model (${messageOf(error)})`,
        cause: error,
      });
    }
    return new OnnxModel(runtime, session, label);
  }

  get inputNames(): string[] {
    return this.inputs.map((i) => i.name);
  }

  get outputNames(): string[] {
    return this.outputs.map((o) => o.name);
  }

  /** Runs the model; returns the requested outputs by name. */
  async run(
    feeds: Record<string, OnnxFeed>,
    options: OnnxRunOptions = {},
  ): Promise<Record<string, OnnxOutput>> {
    const session = this.open();
    validateFeeds(this.inputs, feeds);
    for (const name of options.outputs ?? []) {
      if (!this.outputNames.includes(name)) {
        throw new InvalidArgumentError({
          argument: 'outputs',
          message: `the model has no output "${name}"; its outputs are ${this.outputNames.join(', ')}`,
        });
      }
    }
    const tensors: Record<string, Tensor> = {};
    for (const info of this.inputs) {
      const feed = feeds[info.name];
      tensors[info.name] = new this.runtime.Tensor(info.type as 'float32', feed.data as Float32Array, [
        ...feed.dims,
      ]);
    }
    const pending = this.execute(session, tensors, options.outputs);
    this.running.add(pending);
    try {
      return await pending;
    } finally {
      this.running.delete(pending);
    }
  }

  private async execute(
    session: InferenceSession,
    feeds: Record<string, Tensor>,
    fetches?: string[],
  ): Promise<Record<string, OnnxOutput>> {
    let results: InferenceSession.ReturnType;
    try {
      results = fetches ? await session.run(feeds, fetches) : await session.run(feeds);
    } catch (error) {
      throw new OnnxModelError({
        reason: 'run-failed',
        source: this.source,
        message: messageOf(error),
        cause: error,
      });
    }
    const out: Record<string, OnnxOutput> = {};
    for (const [name, value] of Object.entries(results)) {
      out[name] = { data: value.data as OnnxTensorData, dims: [...value.dims], type: value.type };
      value.dispose();
    }
    return out;
  }

  /** Whether `close()` has been called. */
  get closed(): boolean {
    return this.session === undefined;
  }

  /** Waits for running calls, then releases the native session. Safe to call twice. */
  async close(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    await Promise.allSettled([...this.running]);
    await session.release();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private open(): InferenceSession {
    if (!this.session)
      throw new OnnxModelError({ reason: 'closed', source: this.source, message: 'the model was closed' });
    return this.session;
  }
}

/** Loads a model, calls `fn` with it and always closes it. */
export async function withOnnxModel<T>(
  source: string | Uint8Array,
  fn: (model: OnnxModel) => Promise<T> | T,
  options: OnnxModelOptions = {},
): Promise<T> {
  const model = await OnnxModel.load(source, options);
  try {
    return await fn(model);
  } finally {
    await model.close();
  }
}

function sessionOptions(options: OnnxModelOptions): InferenceSession.SessionOptions {
  const session: InferenceSession.SessionOptions = {
    executionMode: 'sequential',
    graphOptimizationLevel: options.optimization ?? 'all',
  };
  if (options.threads !== undefined) {
    session.intraOpNumThreads = options.threads;
    session.interOpNumThreads = 1;
  }
  return session;
}

async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new OnnxModelError({
      reason: 'not-found',
      source: path,
      message: `cannot read the file (${messageOf(error)})`,
      cause: error,
    });
  }
}

function describe(name: string, metadata: InferenceSession.ValueMetadata | undefined): OnnxValueInfo {
  if (!metadata?.isTensor) return { name, type: 'unknown', shape: [] };
  return {
    name,
    type: metadata.type,
    shape: metadata.shape.map((d) => (typeof d === 'number' && d < 0 ? null : d)),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
