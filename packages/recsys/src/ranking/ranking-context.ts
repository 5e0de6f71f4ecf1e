/** Where and when a list is shown. Give `timestamp` (+ `utcOffsetMinutes`) or `hour`/`weekday` directly. */
export interface RankingContext {
  /** Milliseconds since the epoch. */
  timestamp?: number;
  /** Offset of the shopper's local time from UTC, in minutes (e.g. 480 for UTC+8). Default 0. */
  utcOffsetMinutes?: number;
  /** Local hour 0–23 (overrides the one derived from `timestamp`). */
  hour?: number;
  /** Local weekday 0 = Sunday … 6 = Saturday (overrides `timestamp`). */
  weekday?: number;
  /** `mobile`, `desktop`, `tablet`, … */
  device?: string;
  /** City, region or store code. */
  location?: string;
  /** Traffic channel. */
  channel?: string;
  /** User segment (e.g. from @shoppilot/profiling). */
  segment?: string;
}

export type Daypart = 'night' | 'morning' | 'lunch' | 'afternoon' | 'evening';

/** Local hour, weekday, daypart and weekend flag of a context (undefined when unknown). */
export function contextTime(context: RankingContext): {
  hour?: number;
  weekday?: number;
  daypart?: Daypart;
  weekend?: boolean;
} {
  let { hour, weekday } = context;
  if (context.timestamp !== undefined && (hour === undefined || weekday === undefined)) {
    const local = new Date(context.timestamp + (context.utcOffsetMinutes ?? 0) * 60_000);
    hour ??= local.getUTCHours();
    weekday ??= local.getUTCDay();
  }
  return {
    hour,
    weekday,
    daypart: hour === undefined ? undefined : daypartOf(hour),
    weekend: weekday === undefined ? undefined : weekday === 0 || weekday === 6,
  };
}

/** night 0–5, morning 6–10, lunch 11–13, afternoon 14–17, evening 18–23. */
export function daypartOf(hour: number): Daypart {
  if (hour < 6) return 'night';
  if (hour < 11) return 'morning';
  if (hour < 14) return 'lunch';
  if (hour < 18) return 'afternoon';
  return 'evening';
}

/** The categorical context features used by the re-ranker and the rules. */
export function contextFeatures(context: RankingContext): Record<string, string> {
  const time = contextTime(context);
  const out: Record<string, string> = {};
  if (time.daypart) out.daypart = time.daypart;
  if (time.weekend !== undefined) out.week = time.weekend ? 'weekend' : 'weekday';
  if (time.daypart && time.weekend !== undefined) out.slot = `${out.week}-${time.daypart}`;
  if (context.device) out.device = context.device.toLowerCase();
  if (context.location) out.location = context.location;
  if (context.channel) out.channel = context.channel;
  if (context.segment) out.segment = context.segment;
  return out;
}
