import { InvalidArgumentError } from '@shoppilot/core';
import type { EventTable } from './event-table';

/** Default inactivity gap that closes a session: 30 minutes (the common web-analytics rule). */
export const DEFAULT_SESSION_GAP_MS = 30 * 60 * 1000;

/** A run of one user's events: rows `start .. end - 1` (of a table or a user's event array). */
export interface Session {
  start: number;
  end: number;
  startTime: number;
  endTime: number;
}

function checkGap(gapMs: number): void {
  if (!(gapMs > 0)) {
    throw new InvalidArgumentError({ argument: 'sessionGapMs', message: 'must be > 0', value: gapMs });
  }
}

/**
 * Cuts one time-ordered sequence into sessions: a new session starts when the time since the
 * previous event exceeds `gapMs`, or when both events carry session ids and they differ.
 */
export function sessionsOf(
  timestamps: ArrayLike<number>,
  sessionIds?: ArrayLike<string | number | undefined>,
  gapMs = DEFAULT_SESSION_GAP_MS,
): Session[] {
  checkGap(gapMs);
  const sessions: Session[] = [];
  let start = 0;
  for (let i = 1; i <= timestamps.length; i++) {
    if (i === timestamps.length || breaks(timestamps, sessionIds, i, gapMs)) {
      sessions.push({ start, end: i, startTime: timestamps[start], endTime: timestamps[i - 1] });
      start = i;
    }
  }
  return timestamps.length === 0 ? [] : sessions;
}

function breaks(
  timestamps: ArrayLike<number>,
  sessionIds: ArrayLike<string | number | undefined> | undefined,
  i: number,
  gapMs: number,
): boolean {
  if (timestamps[i] - timestamps[i - 1] > gapMs) return true;
  if (!sessionIds) return false;
  const a = sessionIds[i - 1];
  const b = sessionIds[i];
  return a !== undefined && b !== undefined && a !== -1 && b !== -1 && a !== b;
}

/** Sessions of every user of a table. */
export interface TableSessions {
  /** Number of sessions. */
  count: number;
  /** Session index of each row. */
  sessionOf: Int32Array;
  /** First row of each session; `starts[count]` = table length. */
  starts: Int32Array;
  /** User index of each session. */
  userOf: Int32Array;
}

/** Sessions of all users of a table in one pass (rows are already sorted by user and time). */
export function sessionizeTable(table: EventTable, gapMs = DEFAULT_SESSION_GAP_MS): TableSessions {
  checkGap(gapMs);
  const n = table.length;
  const sessionOf = new Int32Array(n);
  const starts: number[] = [];
  const userOf: number[] = [];
  let current = -1;
  for (let i = 0; i < n; i++) {
    const newUser = i === 0 || table.user[i] !== table.user[i - 1];
    if (newUser || breaks(table.timestamp, table.session, i, gapMs)) {
      current++;
      starts.push(i);
      userOf.push(table.user[i]);
    }
    sessionOf[i] = current;
  }
  starts.push(n);
  return { count: current + 1, sessionOf, starts: Int32Array.from(starts), userOf: Int32Array.from(userOf) };
}
