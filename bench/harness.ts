import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeSections } from './sections';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(benchDir, '..');

/** What every suite receives. */
export interface BenchContext {
  /** Real data directory: `--data-dir`, `SHOPPILOT_DATA_DIR`, or ../shared/datasets when present. */
  dataDir: string | undefined;
  /** Set by `--quick`: smaller sizes for a smoke run. */
  quick: boolean;
  /** Prints a line to the console (bench is not library code). */
  log: (line: string) => void;
}

export interface BenchSuite {
  name: string;
  /** One line on what it measures. */
  description: string;
  /** Returns the markdown of its result tables, or a partial result (see `SuiteOutput`). */
  run(context: BenchContext): Promise<string | SuiteOutput>;
}

/**
 * A suite's result. `partial` names the switch that limited the run to some of its sections
 * (e.g. `PROFILING_BENCH_PARTS=purchase`): those sections replace their namesakes in the existing
 * page and the others are kept, instead of the page being overwritten by a fraction of itself.
 */
export interface SuiteOutput {
  markdown: string;
  partial?: string;
}

/** The switch a suite's sections were limited by, when it was set. */
export function partialRun(variable: string): string | undefined {
  const value = process.env[variable];
  return value ? `${variable}=${value}` : undefined;
}

export function resolveDataDir(explicit?: string): string | undefined {
  const candidates = [explicit, process.env.SHOPPILOT_DATA_DIR, resolve(repoRoot, '../shared/datasets')];
  return candidates.find((dir): dir is string => !!dir && existsSync(dir));
}

/** Path of a dataset file, or an error naming what is missing and how to provide it. */
export function dataFile(context: BenchContext, relative: string): string {
  if (!context.dataDir) {
    throw new Error(
      `dataset ${relative} is needed: pass --data-dir DIR or set SHOPPILOT_DATA_DIR (default ../shared/datasets)`,
    );
  }
  const path = join(context.dataDir, relative);
  if (!existsSync(path)) throw new Error(`dataset file missing: ${path}`);
  return path;
}

/** Median wall time in milliseconds of `repeat` runs after `warmup` runs. */
export async function timeMs(
  fn: () => unknown | Promise<unknown>,
  { repeat = 5, warmup = 1 } = {},
): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** A markdown table from a header and rows. */
export function markdownTable(header: string[], rows: Array<Array<string | number>>): string {
  const format = (cell: string | number) => (typeof cell === 'number' ? formatNumber(cell) : cell);
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(format).join(' | ')} |`),
  ];
  return lines.join('\n');
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(3);
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(abs >= 100 ? 1 : abs >= 1 ? 3 : 4);
}

/**
 * Writes a suite's markdown to bench/results/<name>.md with the machine and date. A partial run
 * is merged section by section into the existing page, each re-run section stamped with its run.
 */
export function writeResult(name: string, output: string | SuiteOutput): string {
  const { markdown, partial } =
    typeof output === 'string' ? { markdown: output, partial: undefined } : output;
  const dir = join(benchDir, 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.md`);
  const run = `\`pnpm bench ${name}\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch}`;
  if (partial && existsSync(path)) {
    const merged = mergeSections(readFileSync(path, 'utf8'), markdown, `re-run alone by ${partial} ${run}`);
    writeFileSync(path, `${merged}\n`);
    return path;
  }
  writeFileSync(path, `<!-- written by ${run} -->\n${markdown}\n`);
  return path;
}
