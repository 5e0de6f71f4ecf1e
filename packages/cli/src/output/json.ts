let stdoutGuarded = false;

/**
 * A reader that stops early (`shoppilot clv predict … | head`) closes the pipe; the next write then
 * fails with EPIPE on stdout. That is not an error of the command: exit quietly (status 0) instead
 * of printing Node's unhandled 'error' stack trace. Other stdout errors are rethrown.
 */
export function exitQuietlyOnClosedStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/** Prints one JSON document on stdout (the machine-readable result of a command run with `--json`). */
export function printJson(value: unknown): void {
  exitQuietlyOnClosedStdout();
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints human-readable lines on stdout. */
export function printLines(...lines: string[]): void {
  exitQuietlyOnClosedStdout();
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Prints a note on stderr (never mixed into JSON output). */
export function printNote(line: string): void {
  process.stderr.write(`${line}\n`);
}
