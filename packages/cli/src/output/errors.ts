import { InputValidationError, ShopPilotError } from '@shoppilot/core';

/** Exit codes of every `shoppilot` command. */
export const EXIT_CODES = {
  ok: 0,
  /** Bad input data, a failed check, or a runtime failure. */
  failure: 1,
  /** Wrong command line: unknown command or option, missing or malformed argument. */
  usage: 2,
} as const;

/** The command line itself is wrong (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** 2 for usage errors (ours and citty's), 1 for everything else. */
export function exitCodeFor(error: unknown): number {
  const name = error instanceof Error ? error.name : '';
  return name === 'UsageError' || name === 'CLIError' ? EXIT_CODES.usage : EXIT_CODES.failure;
}

/** The JSON form of an error, printed by commands run with `--json`. */
export interface ErrorJson {
  name: string;
  message: string;
  exitCode: number;
  issues?: unknown[];
}

export function errorToJson(error: unknown): ErrorJson {
  const exitCode = exitCodeFor(error);
  if (InputValidationError.isInstance(error)) {
    return { name: error.name, message: error.message, exitCode, issues: [...error.issues] };
  }
  if (error instanceof Error) return { name: error.name, message: stripAnsi(error.message), exitCode };
  return { name: 'Error', message: String(error), exitCode };
}

/** Readable text for stderr: the message, the issues of an input error, the stack only when debugging. */
export function formatError(error: unknown, { debug = false } = {}): string {
  if (!(error instanceof Error)) return `error: ${String(error)}`;
  const lines = [`error: ${stripAnsi(error.message)}`];
  if (InputValidationError.isInstance(error) && error.issues.length > 1) {
    for (const issue of error.issues.slice(0, 10))
      lines.push(
        `  - ${issue.row !== undefined ? `row ${issue.row}: ` : ''}${issue.field ? `${issue.field}: ` : ''}${issue.message}`,
      );
  }
  if (debug && error.stack) lines.push(error.stack);
  else if (!ShopPilotError.isInstance(error) && exitCodeFor(error) !== EXIT_CODES.usage) {
    lines.push('(set SHOPPILOT_DEBUG=1 for the stack trace)');
  }
  return lines.join('\n');
}

function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removes terminal colour codes
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
