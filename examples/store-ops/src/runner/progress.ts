import type { ProgressCallback, ProgressEvent } from '@shoppilot/core';

/** Where progress lines go: stderr by default (stdout stays clean for piping). */
export interface ProgressSink {
  write(text: string): void;
  /** True on a terminal: bars are redrawn in place; otherwise lines are printed at steps. */
  isTTY: boolean;
}

const BAR_WIDTH = 28;
const LINE_EVERY_MS = 5_000;

function formatCount(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

/** A text bar: `[=========>          ]  45% 81,234/180,000`. */
export function renderBar(completed: number, total: number | undefined): string {
  if (total === undefined || !(total > 0)) return formatCount(completed);
  const share = Math.min(1, Math.max(0, completed / total));
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? (filled === BAR_WIDTH ? '=' : '>') : ''}`;
  return `[${bar.padEnd(BAR_WIDTH)}] ${String(Math.round(share * 100)).padStart(3)}% ${formatCount(completed)}/${formatCount(total)}`;
}

/**
 * Progress on screen all along: stage headers, bars for long steps (redrawn in place on a
 * terminal, one line per 10% or 5 s otherwise), and notes.
 */
export class ProgressDisplay {
  private barOpen = false;
  /** When anything was last written (for the heartbeat). */
  lastOutput = performance.now();
  private lastLine = new Map<string, { share: number; at: number }>();
  private readonly started = performance.now();

  constructor(private readonly sink: ProgressSink = defaultSink()) {}

  private clock(): string {
    const seconds = (performance.now() - this.started) / 1000;
    return `${seconds.toFixed(1).padStart(6)}s`;
  }

  private write(text: string): void {
    this.lastOutput = performance.now();
    this.sink.write(text);
  }

  private closeBar(): void {
    if (this.barOpen) this.write('\n');
    this.barOpen = false;
  }

  /** A line of its own (closes an open bar first). */
  line(text: string): void {
    this.closeBar();
    this.write(`${this.clock()}  ${text}\n`);
  }

  /** Updates the bar of a step, e.g. `update('ingest', 5000, 180000)`. */
  update(label: string, completed: number, total?: number, detail = ''): void {
    const text = `${label.padEnd(22)} ${renderBar(completed, total)}${detail ? `  ${detail}` : ''}`;
    if (this.sink.isTTY) {
      this.write(`\r${this.clock()}  ${text}\x1b[K`);
      this.barOpen = true;
      if (total !== undefined && completed >= total) this.closeBar();
      return;
    }
    const share = total ? completed / total : 0;
    const last = this.lastLine.get(label);
    const now = performance.now();
    const due = !last || share - last.share >= 0.1 || now - last.at >= LINE_EVERY_MS || share >= 1;
    if (!due || (last && last.share >= 1 && share >= 1)) return;
    this.lastLine.set(label, { share, at: now });
    this.line(text);
  }

  /** A core `onProgress` callback drawing bars under `label` (stage names appended). */
  callback(label: string): ProgressCallback {
    return (event: ProgressEvent) => {
      const metrics = event.metrics
        ? Object.entries(event.metrics)
            .map(([name, value]) => `${name} ${Number.isInteger(value) ? value : value.toFixed(4)}`)
            .join(', ')
        : '';
      const detail = [event.message, metrics].filter(Boolean).join(' ');
      this.update(`${label} ${event.stage}`.trim(), event.completed, event.total, detail);
    };
  }

  /**
   * Prints "still working" when nothing was written for `quietMs` while a step runs, so the screen
   * never looks stuck. Returns the function that stops it.
   */
  heartbeat(label: string, quietMs = 10_000): () => void {
    const started = performance.now();
    const timer = setInterval(() => {
      if (performance.now() - this.lastOutput < quietMs) return;
      this.line(`  … ${label} still running (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }, 1000);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Ends any open bar (call before the program writes elsewhere). */
  flush(): void {
    this.closeBar();
  }
}

function defaultSink(): ProgressSink {
  return { write: (text) => process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) };
}
