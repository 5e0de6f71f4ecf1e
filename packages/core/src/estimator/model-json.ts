import { InvalidModelJsonError } from '../errors/invalid-model-json-error';

/** The serialised form of every estimator: `toJSON()` gives it, `fromJSON()` validates it. */
export interface ModelJson<TOptions = unknown, TState = unknown> {
  /** Estimator kind, e.g. `forecast.auto-ets`. */
  kind: string;
  /** Format version of `state`; bumped when the layout changes. */
  version: number;
  /** The constructor options it was created with. */
  options: TOptions;
  /** Learned state; `null` when not fitted. */
  state: TState | null;
}

/**
 * Checks the envelope of a serialised model: an object with the expected `kind`, a supported
 * `version`, an `options` object and a `state`. Parsing `state` itself is the estimator's job.
 */
export function parseModelJson<TOptions, TState>(
  json: unknown,
  expected: { kind: string; version: number },
): ModelJson<TOptions, TState> {
  const value = typeof json === 'string' ? parseText(json, expected.kind) : json;
  if (value == null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidModelJsonError({
      kind: expected.kind,
      message: 'expected an object with kind, version, options, state',
    });
  }
  const record = value as Record<string, unknown>;
  if (record.kind !== expected.kind) {
    throw new InvalidModelJsonError({
      kind: expected.kind,
      path: 'kind',
      message: `expected "${expected.kind}", got ${JSON.stringify(record.kind)}`,
    });
  }
  if (record.version !== expected.version) {
    throw new InvalidModelJsonError({
      kind: expected.kind,
      path: 'version',
      message: `unsupported version ${JSON.stringify(record.version)} (this build reads version ${expected.version})`,
    });
  }
  if (record.options == null || typeof record.options !== 'object' || Array.isArray(record.options)) {
    throw new InvalidModelJsonError({ kind: expected.kind, path: 'options', message: 'expected an object' });
  }
  if (!('state' in record)) {
    throw new InvalidModelJsonError({
      kind: expected.kind,
      path: 'state',
      message: 'missing (use null for an unfitted model)',
    });
  }
  return record as unknown as ModelJson<TOptions, TState>;
}

function parseText(text: string, kind: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidModelJsonError({ kind, message: 'not valid JSON', cause: error });
  }
}
