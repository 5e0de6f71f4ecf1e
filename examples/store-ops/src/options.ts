import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '@shoppilot/core';

/** The demo's stages, in the order they run. */
export const STAGE_NAMES = [
  'ingest',
  'profile',
  'recommend',
  'forecast',
  'replenish',
  'market',
  'federate',
] as const;

export type StageName = (typeof STAGE_NAMES)[number];

export interface DemoOptions {
  /** Folder holding `online_retail/` and `reviews/` (default: the repository's `datasets/`). */
  dataDir: string;
  /** Where `report.html`, `report.json` and the SQLite store are written (default `out`). */
  outDir: string;
  store: 'sqlite' | 'postgres';
  /** Storage URL (default `sqlite:<out>/store.sqlite`; required form for postgres: postgres://…). */
  storeUrl: string;
  /** OpenAI-compatible base URL for copy generation; undefined = offline template model. */
  llmBaseUrl?: string;
  /** Model name sent to the OpenAI-compatible server (default `gpt-4o-mini`). */
  llmModel: string;
  stages: StageName[];
  seed: number;
  /** Testing aid: these stages throw before they start, to show degraded reporting. */
  injectFailure: StageName[];
  /** Share of the customers kept for the run (1 = all of the committed subset). */
  sample: number;
  help: boolean;
}

/** The repository's `datasets/` folder, found from this file's location. */
export function defaultDataDir(): string {
  return resolve(fileURLToPath(new URL('../../../datasets', import.meta.url)));
}

export const USAGE = `pnpm demo [options]

Runs a store's operations end to end on the committed Online Retail subset and writes
<out>/report.html and <out>/report.json.

  --data-dir DIR       datasets folder (default: the repository's datasets/)
  --out DIR            output folder (default: out)
  --store KIND         sqlite (default) or postgres
  --store-url URL      storage URL (default sqlite:<out>/store.sqlite;
                       postgres://user:password@host:5432/db?schema=shoppilot_demo)
  --llm URL            OpenAI-compatible base URL for copy (default: offline template model);
                       key from OPENAI_API_KEY when set, model from --llm-model
  --llm-model NAME     model name for --llm (default gpt-4o-mini)
  --stages LIST        comma-separated subset of ${STAGE_NAMES.join(',')} (default: all)
  --seed N             seed of every random choice (default 42)
  --sample SHARE       share of customers kept, in (0, 1] (default 1)
  --inject-failure S   make these stages fail (testing the degraded report)
  --help               this text`;

function parseStageList(text: string | undefined, argument: string, fallback: StageName[]): StageName[] {
  if (text === undefined || text.trim() === '') return fallback;
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(STAGE_NAMES as readonly string[]).includes(name)) {
      throw new InvalidArgumentError({
        argument,
        message: `unknown stage "${name}"; the stages are ${STAGE_NAMES.join(', ')}`,
      });
    }
  }
  return STAGE_NAMES.filter((name) => names.includes(name));
}

function parseNumber(text: string | undefined, argument: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new InvalidArgumentError({ argument, message: 'must be a number', value: text });
  }
  return value;
}

/** Parses the command line (without `node` and the script). Unknown options throw. */
export function parseDemoOptions(argv: readonly string[]): DemoOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      store: { type: 'string' },
      'store-url': { type: 'string' },
      llm: { type: 'string' },
      'llm-model': { type: 'string' },
      stages: { type: 'string' },
      seed: { type: 'string' },
      sample: { type: 'string' },
      'inject-failure': { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: false,
    strict: true,
  });
  const outDir = resolve(values.out ?? 'out');
  const store = values.store ?? (values['store-url']?.startsWith('postgres') ? 'postgres' : 'sqlite');
  if (store !== 'sqlite' && store !== 'postgres') {
    throw new InvalidArgumentError({
      argument: '--store',
      message: 'must be sqlite or postgres',
      value: store,
    });
  }
  const storeUrl = values['store-url'] ?? defaultStoreUrl(store, outDir);
  const sample = parseNumber(values.sample, '--sample', 1);
  if (!(sample > 0 && sample <= 1)) {
    throw new InvalidArgumentError({ argument: '--sample', message: 'must be in (0, 1]', value: sample });
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  if (!existsSync(dataDir)) {
    throw new InvalidArgumentError({ argument: '--data-dir', message: 'folder not found', value: dataDir });
  }
  return {
    dataDir,
    outDir,
    store,
    storeUrl,
    llmBaseUrl: values.llm,
    llmModel: values['llm-model'] ?? 'gpt-4o-mini',
    stages: parseStageList(values.stages, '--stages', [...STAGE_NAMES]),
    seed: Math.trunc(parseNumber(values.seed, '--seed', 42)),
    injectFailure: parseStageList(values['inject-failure'], '--inject-failure', []),
    sample,
    help: values.help ?? false,
  };
}

function defaultStoreUrl(store: 'sqlite' | 'postgres', outDir: string): string {
  if (store === 'sqlite') return `sqlite:${resolve(outDir, 'store.sqlite')}`;
  const url = process.env.SHOPPILOT_PG_URL;
  if (!url) {
    throw new InvalidArgumentError({
      argument: '--store-url',
      message:
        '--store postgres needs --store-url postgres://user:password@host:5432/db (or SHOPPILOT_PG_URL)',
    });
  }
  return url.includes('schema=') ? url : `${url}${url.includes('?') ? '&' : '?'}schema=shoppilot_demo`;
}
