/**
 * End to end: runs `pnpm demo` as a user would (a child process on the committed data), then opens
 * report.html in headless Chromium (Debian's chromium, driven by playwright-core) and checks that
 * every chart and table rendered with data, with no console errors and no network requests.
 * Screenshots go to test-output/ (gitignored).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STAGE_NAMES } from '../options';
import { renderReport } from '../report/html';
import type { DemoReport } from '../report/types';
import { inspectReport, type ReportInspection } from './browser';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const mainScript = fileURLToPath(new URL('../main.ts', import.meta.url));
const outputRoot = join(repoRoot, 'test-output', 'store-ops');

interface DemoRun {
  code: number;
  stdout: string;
  stderr: string;
  report: DemoReport;
  html: string;
  outDir: string;
}

function runDemo(name: string, args: string[]): Promise<DemoRun> {
  const outDir = join(outputRoot, name);
  rmSync(outDir, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--conditions=@shoppilot/source', '--import', 'tsx', mainScript, '--out', outDir, ...args],
      {
        cwd: repoRoot,
        timeout: 20 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1' },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        try {
          const report = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as DemoReport;
          resolve({
            code,
            stdout,
            stderr,
            report,
            html: readFileSync(join(outDir, 'report.html'), 'utf8'),
            outDir,
          });
        } catch (readError) {
          reject(
            new Error(`demo wrote no report (exit ${code}): ${stderr.slice(-3000)} ${String(readError)}`),
          );
        }
      },
    );
  });
}

function expectCleanPage(page: ReportInspection): void {
  expect(page.consoleErrors).toEqual([]);
  expect(page.pageErrors).toEqual([]);
  expect(page.requests).toEqual([]);
  expect(page.dialogs).toEqual([]);
  expect(page.scriptsThatRun).toBe(0);
  expect(page.injectedElements).toBe(0);
}

function expectEverythingDrawn(page: ReportInspection): void {
  for (const chart of page.charts) {
    expect(chart.declaredMarks, `chart ${chart.id} has data`).toBeGreaterThan(0);
    expect(chart.visibleMarks, `chart ${chart.id} drew every mark`).toBe(chart.declaredMarks);
    expect(chart.width * chart.height, `chart ${chart.id} has a size`).toBeGreaterThan(0);
  }
  for (const table of page.tables) {
    expect(table.rows, `table ${table.id} has rows`).toBeGreaterThan(0);
    expect(table.filledRows, `table ${table.id} has no empty cells`).toBe(table.rows);
  }
}

/** Charts and tables the full report must hold, by id (prefix for the per-product charts). */
const REQUIRED_CHARTS = [
  'stage-times-chart',
  'retention-curve',
  'monthly-revenue',
  'rfm-segments',
  'cluster-sizes',
  'persona-sizes',
  'purchase-scores',
  'recommendation-categories',
  'forecast-',
  'stockout-by-policy',
  'inventory-by-policy',
  'budget-allocation',
  'budget-revenue',
  'clv-distribution',
  'federated-curve',
];
const REQUIRED_TABLES = [
  'stage-times',
  'kpis-unavailable',
  'rfm-table',
  'cluster-profiles',
  'persona-examples',
  'sentiment-samples',
  'purchase-models',
  'recommendations',
  'context-variants',
  'backtest-scores',
  'forecast-products',
  'replenishment-plan',
  'inventory-kpis',
  'copy-samples',
  'compliance-examples',
  'budget-policies',
  'clv-top',
  'churn-list',
  'federated-comparison',
];

describe('pnpm demo in a real browser', () => {
  it('runs every stage and writes a complete report that renders with data, offline', {
    timeout: 30 * 60_000,
  }, async () => {
    const run = await runDemo('full', ['--sample', '0.3', '--seed', '7']);
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    expect(run.report.stages.map((s) => [s.name, s.status])).toEqual(STAGE_NAMES.map((name) => [name, 'ok']));
    expect(run.report.status).toBe('complete');
    for (const stage of run.report.stages) {
      expect(run.stderr).toContain(`${stage.name} ok in`);
      expect(stage.seconds).toBeGreaterThan(0);
    }
    expect(run.stderr).toMatch(/ingest → sqlite +\[=+\] 100%/);
    const page = await inspectReport(join(run.outDir, 'report.html'), join(outputRoot, 'report-full.png'));
    expectCleanPage(page);
    expectEverythingDrawn(page);
    expect(page.sections.filter((s) => s.id !== 'overview').map((s) => [s.id, s.status])).toEqual(
      STAGE_NAMES.map((name) => [name, 'ok']),
    );
    const charts = page.charts.map((c) => c.id);
    for (const id of REQUIRED_CHARTS)
      expect(
        charts.some((c) => c.startsWith(id)),
        `chart ${id}`,
      ).toBe(true);
    const tables = page.tables.map((t) => t.id);
    for (const id of REQUIRED_TABLES) expect(tables, `table ${id}`).toContain(id);
  });

  it('marks a failed stage with its error, still runs the others, and exits with code 2', {
    timeout: 15 * 60_000,
  }, async () => {
    const run = await runDemo('degraded', [
      '--stages',
      'ingest,market',
      '--inject-failure',
      'market',
      '--sample',
      '0.2',
    ]);
    expect(run.code).toBe(2);
    expect(run.report.status).toBe('degraded');
    expect(run.report.stages.find((s) => s.name === 'ingest')?.status).toBe('ok');
    expect(run.report.stages.find((s) => s.name === 'market')?.error?.message).toContain('--inject-failure');
    const page = await inspectReport(
      join(run.outDir, 'report.html'),
      join(outputRoot, 'report-degraded.png'),
    );
    expectCleanPage(page);
    expectEverythingDrawn(page);
    expect(page.sections.find((s) => s.id === 'market')).toMatchObject({ status: 'failed', hasError: true });
    expect(page.sections.find((s) => s.id === 'ingest')).toMatchObject({ status: 'ok', hasError: false });
    expect(page.sections.find((s) => s.id === 'forecast')?.status).toBe('skipped');
    expect(run.html).toContain('data-run-degraded');
  });

  it('shows hostile data as text: no markup, script or handler gets through', {
    timeout: 120_000,
  }, async () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>"><svg onload=alert(3)>';
    const report: DemoReport = {
      title: `Report ${hostile}`,
      generatedAt: hostile,
      status: 'degraded',
      seed: 1,
      options: {
        dataDir: hostile,
        outDir: 'out',
        store: 'sqlite',
        storeUrl: hostile,
        llm: hostile,
        stages: ['ingest'],
        sample: 1,
      },
      environment: { node: hostile, platform: 'linux', cpus: 2, loadAverageAtStart: 1 },
      timing: { wallSeconds: 1, cpuSeconds: 1 },
      stages: [
        {
          name: 'ingest',
          title: hostile,
          status: 'failed',
          seconds: 1,
          cpuSeconds: 1,
          degradations: [hostile],
          notes: [hostile],
          error: { name: hostile, message: hostile, stack: hostile },
        },
      ],
    };
    mkdirSync(outputRoot, { recursive: true });
    const file = join(outputRoot, 'hostile.html');
    writeFileSync(file, renderReport(report));
    const page = await inspectReport(file, join(outputRoot, 'report-hostile.png'));
    expectCleanPage(page);
    expect(page.title).toBe(`Report ${hostile}`);
  });
});
