import { InvalidArgumentError } from '@shoppilot/core';
import { type CalendarFeatureOptions, calendarFeatures } from '../../features/calendar-features';
import type { Panel } from '../../panel/types';

/** Calendar features for every period a panel (plus a horizon) touches, looked up by period. */
export function calendarLookup(
  panel: Pick<Panel, 'axis' | 'series'>,
  options: CalendarFeatureOptions,
  horizon: number,
): { names: string[]; at: (period: number) => Record<string, number> } {
  if (panel.axis.kind !== 'date') {
    throw new InvalidArgumentError({
      argument: 'calendar',
      message: 'calendar features need dates in the time column, not period numbers',
      value: panel.axis.kind,
    });
  }
  const start = Math.min(...panel.series.map((s) => s.start));
  const end = Math.max(...panel.series.map((s) => s.start + s.target.length)) + horizon;
  const features = calendarFeatures(start, end - start, panel.axis, options);
  const cache = new Map<number, Record<string, number>>();
  const at = (period: number) => {
    let values = cache.get(period);
    if (!values) {
      const offset = period - start;
      const own =
        offset >= 0 && offset < end - start ? undefined : calendarFeatures(period, 1, panel.axis, options);
      values = Object.fromEntries(
        features.names.map((name) => [name, own ? own.values[name][0] : features.values[name][offset]]),
      );
      cache.set(period, values);
    }
    return values;
  };
  return { names: features.names, at };
}
