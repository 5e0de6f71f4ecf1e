import type { z } from 'zod';
import { describeReceived, type InputIssue, InputValidationError } from '../errors/input-validation-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { type BehaviorEvent, behaviorEventSchema } from '../schema/behavior-event';
import { deriveEventId } from './event-id';
import { parseEventFast } from './fast-event';
import type { StoredEvent } from './storage';
import { isStorableString } from './storage-values';

/** At most this many issues are collected before a batch is rejected. */
const MAX_ISSUES = 20;

/**
 * Validates a batch with `behaviorEventSchema` (a hand-written check first; zod only for what it
 * declines, so errors are zod's) and returns normalised copies that carry an
 * `eventId` (given or derived). Throws `InputValidationError` naming the index, field and expected
 * form of every bad event (up to 20) — nothing of a failing batch is written by any adapter.
 * Strings must be well-formed Unicode without NUL (U+0000): PostgreSQL cannot store NUL and a lone
 * surrogate has no UTF-8 form, so no adapter accepts them.
 */
export function prepareEvents(events: readonly BehaviorEvent[]): StoredEvent[] {
  if (!Array.isArray(events)) {
    throw new InvalidArgumentError({
      argument: 'events',
      message: 'must be an array of events',
      value: events,
    });
  }
  const prepared: StoredEvent[] = new Array(events.length);
  const issues: InputIssue[] = [];
  for (let index = 0; index < events.length && issues.length < MAX_ISSUES; index++) {
    const input: unknown = events[index];
    const fast = parseEventFast(input);
    if (fast !== undefined) {
      prepared[index] = fast;
      continue;
    }
    const parsed = behaviorEventSchema.safeParse(input);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((issue) => zodIssue(issue, input, index)));
      continue;
    }
    const badField = findUnstorableString(parsed.data);
    if (badField) {
      issues.push({
        ...where(input, index, badField),
        message: `event at index ${index}: contains NUL (U+0000) or a lone surrogate`,
        expected: 'well-formed Unicode without NUL',
      });
      continue;
    }
    prepared[index] = normalise(parsed.data);
  }
  if (issues.length > 0) throw new InputValidationError({ issues: issues.slice(0, MAX_ISSUES) });
  return prepared;
}

/**
 * The stored form of a parsed event (zod's output, a fresh object): undefined fields and an empty
 * context dropped, the id given or derived.
 */
function normalise(event: BehaviorEvent): StoredEvent {
  const stored = event as StoredEvent;
  dropUndefined(stored as unknown as Record<string, unknown>);
  if (stored.context) {
    dropUndefined(stored.context as Record<string, unknown>);
    if (isEmpty(stored.context)) delete stored.context;
  }
  if (stored.eventId === undefined) stored.eventId = deriveEventId(stored);
  return stored;
}

function dropUndefined(record: Record<string, unknown>): void {
  for (const key in record) if (record[key] === undefined) delete record[key];
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

function zodIssue(issue: z.core.$ZodIssue, input: unknown, index: number): InputIssue {
  const field = issue.path.map(String).join('.');
  const expected = 'expected' in issue && typeof issue.expected === 'string' ? issue.expected : undefined;
  return {
    ...where(input, index, field || undefined),
    message: `event at index ${index}: ${issue.message}`,
    expected,
    received: field ? describeReceived(valueAt(input, issue.path)) : undefined,
  };
}

/** Location of a bad event: `row` is its 1-based position in the batch (index + 1). */
function where(
  input: unknown,
  index: number,
  field: string | undefined,
): Pick<InputIssue, 'row' | 'field' | 'user'> {
  const userId = (input as { userId?: unknown } | null)?.userId;
  return {
    row: index + 1,
    field,
    user: typeof userId === 'string' && userId.length > 0 ? userId : undefined,
  };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The first string field no adapter can store (NUL, lone surrogate), as a dotted path. */
function findUnstorableString(event: BehaviorEvent): string | undefined {
  for (const field of ['eventId', 'userId', 'itemId', 'categoryId'] as const) {
    const value = event[field];
    if (value !== undefined && !isStorableString(value)) return field;
  }
  if (event.context) {
    for (const [key, value] of Object.entries(event.context)) {
      if (typeof value === 'string' && !isStorableString(value)) return `context.${key}`;
    }
  }
  return undefined;
}
