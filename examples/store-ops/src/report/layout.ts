import type { StageRecord } from '../runner/stage-runner';
import { escapeHtml } from './escape';
import { formatSeconds } from './format';

export interface CardSpec {
  label: string;
  value: string;
  hint?: string;
  unavailable?: boolean;
}

/** A row of headline numbers. */
export function cards(items: readonly CardSpec[]): string {
  const html = items.map(
    (item) =>
      `<div class="card${item.unavailable ? ' unavailable' : ''}" data-card><div class="label">${escapeHtml(item.label)}</div><div class="value">${escapeHtml(item.value)}</div>${item.hint ? `<div class="hint">${escapeHtml(item.hint)}</div>` : ''}</div>`,
  );
  return `<div class="cards">${html.join('')}</div>`;
}

export function paragraph(text: string, className = ''): string {
  return `<p${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</p>`;
}

export function heading(text: string): string {
  return `<h3>${escapeHtml(text)}</h3>`;
}

function statusBadge(record: StageRecord | undefined): string {
  const status = record?.status ?? 'skipped';
  const tone = status === 'ok' ? 'ok' : status === 'failed' ? 'bad' : status === 'degraded' ? 'warn' : 'info';
  const label = status === 'skipped' ? 'not run' : status;
  return `<span class="badge badge-${tone}" data-status="${escapeHtml(status)}">${escapeHtml(label)}</span>`;
}

/**
 * One stage's section: title with status and time, an explanation, then the body — or the error
 * when the stage failed, or a note when it was not run. Degradations are listed above the body.
 */
export function stageSection(options: {
  id: string;
  title: string;
  lead: string;
  record: StageRecord | undefined;
  hasData: boolean;
  body: () => string;
}): string {
  const { id, title, lead, record } = options;
  const time =
    record && record.status !== 'skipped'
      ? `<span class="stage-time">${escapeHtml(formatSeconds(record.seconds))} wall, ${escapeHtml(formatSeconds(record.cpuSeconds))} CPU</span>`
      : '';
  const parts = [
    `<h2>${escapeHtml(title)} ${statusBadge(record)} ${time}</h2>`,
    `<p class="lead">${escapeHtml(lead)}</p>`,
  ];
  if (!record || record.status === 'skipped') {
    parts.push(paragraph('This stage was not run (not in --stages).', 'note'));
  } else if (record.status === 'failed') {
    parts.push(
      `<div class="alert alert-bad" data-error><strong>This stage failed; the other stages still ran.</strong><br>${escapeHtml(`${record.error?.name}: ${record.error?.message}`)}${record.error?.stack ? `<pre>${escapeHtml(record.error.stack)}</pre>` : ''}</div>`,
    );
  }
  if (record && record.degradations.length > 0) {
    const items = record.degradations.map((d) => `<li>${escapeHtml(d)}</li>`).join('');
    parts.push(
      `<div class="alert alert-warn" data-degraded><strong>Degraded:</strong><ul>${items}</ul></div>`,
    );
  }
  if (record && record.notes.length > 0) {
    parts.push(`<ul class="note">${record.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  }
  if (options.hasData) parts.push(options.body());
  return `<section class="stage" id="${escapeHtml(id)}" data-stage="${escapeHtml(id)}">${parts.join('')}</section>`;
}
