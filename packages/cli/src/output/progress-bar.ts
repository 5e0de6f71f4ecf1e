import type { ProgressEvent } from '@shoppilot/core';
import { SingleBar } from 'cli-progress';

/** `auto`: a bar when stderr is a terminal; `always`: also when it is not (lines every second); `never`. */
export type ProgressMode = 'auto' | 'always' | 'never';

export interface ProgressBar {
  update(event: ProgressEvent): void;
  stop(): void;
}

/**
 * A progress bar on stderr for calls that report `onProgress` (`completed`/`total`, e.g. bytes,
 * plus `metrics` such as rows). Shows `completed` as a share of `total` when it is known.
 */
export function createProgressBar(label: string, mode: ProgressMode = 'auto'): ProgressBar {
  if (mode === 'never' || (mode === 'auto' && !process.stderr.isTTY)) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {detail}`,
    noTTYOutput: mode === 'always',
    notTTYSchedule: 1000,
    hideCursor: true,
    clearOnComplete: false,
  });
  let started = false;
  return {
    update(event) {
      const total = event.total && event.total > 0 ? event.total : Math.max(event.completed, 1);
      const detail = event.message ?? `${event.completed}`;
      if (!started) {
        bar.start(total, event.completed, { detail });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(event.completed, { detail });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
