/** Prints one JSON document on stdout (the machine-readable result of a command run with `--json`). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints human-readable lines on stdout. */
export function printLines(...lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Prints a note on stderr (never mixed into JSON output). */
export function printNote(line: string): void {
  process.stderr.write(`${line}\n`);
}
