/**
 * `pnpm demo`: a store's operations end to end on the committed Online Retail data — ingest into
 * the store, profile customers, recommend, forecast demand, replenish, market, and train a demand
 * model across warehouses — written to <out>/report.html and <out>/report.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join, relative } from 'node:path';
import { DemoContext, redactUrl } from './context';
import { type DemoOptions, parseDemoOptions, USAGE } from './options';
import { renderReport } from './report/html';
import type { DemoReport } from './report/types';
import { ProgressDisplay } from './runner/progress';
import { runStages } from './runner/stage-runner';
import { STAGES } from './stages/index';

function initialReport(options: DemoOptions): DemoReport {
  return {
    title: 'ShopPilot store operations report',
    generatedAt: new Date().toISOString(),
    status: 'complete',
    seed: options.seed,
    options: {
      dataDir: relative(process.cwd(), options.dataDir) || '.',
      outDir: relative(process.cwd(), options.outDir) || '.',
      store: options.store,
      storeUrl: redactUrl(options.storeUrl),
      llm: options.llmBaseUrl
        ? `OpenAI-compatible ${options.llmBaseUrl} (${options.llmModel}), template fallback`
        : 'offline template model',
      stages: options.stages,
      sample: options.sample,
    },
    environment: {
      node: process.versions.node,
      platform: `${process.platform}/${process.arch}`,
      cpus: cpus().length,
      loadAverageAtStart: loadavg()[0],
    },
    timing: { wallSeconds: 0, cpuSeconds: 0 },
    stages: [],
  };
}

/** Runs the demo; returns the report (also written to disk). */
export async function runDemo(options: DemoOptions, progress = new ProgressDisplay()): Promise<DemoReport> {
  const started = performance.now();
  const report = initialReport(options);
  mkdirSync(options.outDir, { recursive: true });
  const context = new DemoContext(options, progress, report);
  progress.line(`ShopPilot demo: stages ${options.stages.join(', ')}; output in ${options.outDir}`);
  try {
    report.stages = await runStages(STAGES, context, {
      selected: options.stages,
      injectFailure: options.injectFailure,
      progress,
    });
  } finally {
    await context.close();
  }
  const ran = report.stages.filter((s) => s.status !== 'skipped');
  report.status = ran.every((s) => s.status === 'ok') ? 'complete' : 'degraded';
  const cpu = process.cpuUsage();
  report.timing.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  report.timing.wallSeconds = (performance.now() - started) / 1000;
  writeFileSync(join(options.outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(options.outDir, 'report.html'), renderReport(report));
  progress.line(
    `report: ${join(basename(options.outDir), 'report.html')} (${report.status}); ${report.timing.wallSeconds.toFixed(1)} s wall, ${report.timing.cpuSeconds.toFixed(1)} s CPU`,
  );
  return report;
}

async function main(): Promise<void> {
  const options = parseDemoOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const report = await runDemo(options);
  console.log(join(options.outDir, 'report.html'));
  if (report.stages.some((s) => s.status === 'failed')) process.exitCode = 2;
}

if (process.argv[1] && /main\.[cm]?[jt]s$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
