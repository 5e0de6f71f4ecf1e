import { barChart } from '../bar-chart';
import { escapeHtml } from '../escape';
import { formatNumber, formatSeconds } from '../format';
import { cards, heading, paragraph } from '../layout';
import { badge, table } from '../table';
import type { DemoReport } from '../types';

const TONE = { ok: 'ok', degraded: 'warn', failed: 'bad', skipped: 'info' } as const;

/** Run summary: status, options, each stage's time (wall and CPU). */
export function overviewSection(report: DemoReport): string {
  const ran = report.stages.filter((s) => s.status !== 'skipped');
  const failed = ran.filter((s) => s.status === 'failed');
  const degraded = ran.filter((s) => s.status === 'degraded');
  const banner =
    report.status === 'degraded'
      ? `<div class="alert alert-warn" data-run-degraded><strong>Degraded run.</strong> ${escapeHtml(
          [
            failed.length ? `Failed: ${failed.map((s) => s.name).join(', ')}.` : '',
            degraded.length ? `Ran on a fallback: ${degraded.map((s) => s.name).join(', ')}.` : '',
          ]
            .filter(Boolean)
            .join(' '),
        )} Their sections say what happened; the other stages ran normally.</div>`
      : '';
  const rows = report.stages.map((s) => [
    s.title,
    s.name,
    badge(s.status === 'skipped' ? 'not run' : s.status, TONE[s.status]),
    s.status === 'skipped' ? '–' : formatSeconds(s.seconds),
    s.status === 'skipped'
      ? '–'
      : `${formatSeconds(s.cpuSeconds)}${s.childCpuSeconds ? ` (${formatSeconds(s.childCpuSeconds)} in child processes)` : ''}`,
  ]);
  rows.push([
    'Whole run (including start-up and writing the report)',
    'total',
    badge(report.status, report.status === 'complete' ? 'ok' : 'warn'),
    formatSeconds(report.timing.wallSeconds),
    formatSeconds(report.timing.cpuSeconds + (report.timing.childCpuSeconds ?? 0)),
  ]);
  const load = report.environment.loadAverageAtStart;
  return `<section class="stage" id="overview" data-stage="overview"><h2>Run overview</h2>
${banner}
${cards([
  { label: 'Total time', value: formatSeconds(report.timing.wallSeconds), hint: 'wall clock' },
  {
    label: 'CPU time',
    value: formatSeconds(report.timing.cpuSeconds + (report.timing.childCpuSeconds ?? 0)),
    hint: 'user + system, all processes measured',
  },
  {
    label: 'Stages',
    value: `${ran.length - failed.length}/${ran.length} ran`,
    hint: failed.length ? `${failed.length} failed` : 'none failed',
  },
  {
    label: 'Machine',
    value: `${report.environment.cpus} cores`,
    hint: `load ${formatNumber(load, 1)} at start; Node ${report.environment.node}`,
  },
])}
${paragraph(`Seed ${report.seed}. Store: ${report.options.store} (${report.options.storeUrl}). Language model: ${report.options.llm}. Data: ${report.options.dataDir}${report.options.sample < 1 ? `, ${formatNumber(report.options.sample * 100)}% of customers` : ''}. Tensor backend: ${report.environment.tensorBackend ?? 'not used'}.`, 'note')}
${heading('Time per stage')}
${paragraph('Wall time is what you wait; CPU time is the work done. On a shared machine (load above the core count) wall time is inflated by waiting for the CPU.', 'note')}
${table({ id: 'stage-times', columns: ['Stage', 'Name', 'Status', 'Wall time', 'CPU time'], rows, numeric: [3, 4] })}
${barChart({ id: 'stage-times-chart', title: 'Wall time per stage (seconds)', unit: 's', bars: ran.map((s) => ({ label: s.name, value: s.seconds, text: formatSeconds(s.seconds), color: s.status === 'failed' ? '#dc2626' : s.status === 'degraded' ? '#d97706' : undefined })) })}
</section>`;
}
