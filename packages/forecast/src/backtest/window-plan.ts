import { InvalidArgumentError } from '@shoppilot/core';
import { checkHorizon } from '../models/univariate-forecaster';
import { panelEnd } from '../panel/panel-ops';
import type { Panel } from '../panel/types';

export interface WindowPlanOptions {
  horizon: number;
  /** Number of forecast origins. Default 3. */
  windows?: number;
  /** Periods between origins. Default the horizon (test windows that just touch). */
  step?: number;
}

/**
 * The forecast origins of a rolling-origin backtest on the panel's common calendar: the last origin
 * leaves exactly `horizon` periods after it; earlier origins are `step` periods apart. Every model
 * is fitted on data up to and including its origin only.
 */
export function planWindows(panel: Panel, options: WindowPlanOptions): number[] {
  const horizon = checkHorizon(options.horizon);
  const windows = options.windows ?? 3;
  const step = options.step ?? horizon;
  if (!Number.isInteger(windows) || windows < 1) {
    throw new InvalidArgumentError({
      argument: 'windows',
      message: 'must be an integer >= 1',
      value: windows,
    });
  }
  if (!Number.isInteger(step) || step < 1)
    throw new InvalidArgumentError({ argument: 'step', message: 'must be an integer >= 1', value: step });
  const end = panelEnd(panel);
  const origins = Array.from({ length: windows }, (_, w) => end - horizon - (windows - 1 - w) * step);
  const first = Math.min(...panel.series.map((s) => s.start));
  if (origins[0] < first) {
    throw new InvalidArgumentError({
      argument: 'windows',
      message: `${windows} windows of horizon ${horizon} and step ${step} reach back before the first period of the panel`,
      value: windows,
    });
  }
  return origins;
}
