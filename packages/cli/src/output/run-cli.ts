import { type ArgsDef, type CommandDef, renderUsage, runCommand } from 'citty';
import { EXIT_CODES, errorToJson, exitCodeFor, formatError, UsageError } from './errors';
import { printJson } from './json';

type AnyCommand = CommandDef<ArgsDef>;

/**
 * Runs the `shoppilot` command line and returns the exit code: 0 success, 1 bad input or failure,
 * 2 usage error. Handles `--help`/`-h` (usage of the command named before it), `--version`, and
 * rejects unknown options. With `--json`, errors are also printed as `{ "error": … }` on stdout.
 */
export async function runCli(main: AnyCommand, rawArgs: readonly string[]): Promise<number> {
  const args = [...rawArgs];
  const json = args.includes('--json');
  try {
    const [command, parent, rest] = await resolveCommand(main, args);
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(`${await renderUsage(command, parent)}\n`);
      return EXIT_CODES.ok;
    }
    if (command === main && (args[0] === '--version' || args[0] === '-v')) {
      const meta = await resolve(main.meta);
      process.stdout.write(`${meta?.version ?? 'unknown'}\n`);
      return EXIT_CODES.ok;
    }
    if (command === main && !args.some((arg) => !arg.startsWith('-'))) {
      process.stdout.write(`${await renderUsage(main)}\n`);
      throw new UsageError('no command given');
    }
    await checkOptions(command, rest);
    await runCommand(main, { rawArgs: args });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_CODES.ok;
  } catch (error) {
    const code = exitCodeFor(error);
    process.stderr.write(`${formatError(error, { debug: !!process.env.SHOPPILOT_DEBUG })}\n`);
    if (code === EXIT_CODES.usage) process.stderr.write('Run with --help for usage.\n');
    if (json) printJson({ error: errorToJson(error) });
    return code;
  }
}

async function resolve<T>(value: T | (() => T) | (() => Promise<T>) | Promise<T>): Promise<T> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;
}

/** The command the arguments name (following sub-commands), its parent, and the arguments after it. */
async function resolveCommand(
  main: AnyCommand,
  args: string[],
): Promise<[AnyCommand, AnyCommand | undefined, string[]]> {
  let command = main;
  let parent: AnyCommand | undefined;
  let rest = args;
  for (;;) {
    const subCommands = command.subCommands ? await resolve(command.subCommands) : undefined;
    const index = rest.findIndex((arg) => !arg.startsWith('-'));
    if (!subCommands || index < 0) return [command, parent, rest];
    const name = rest[index];
    const next = subCommands[name];
    if (!next)
      throw new UsageError(`unknown command "${name}"; commands: ${Object.keys(subCommands).join(', ')}`);
    parent = command;
    command = (await resolve(next)) as AnyCommand;
    rest = rest.slice(index + 1);
  }
}

/** Unknown `--options` are usage errors (citty alone would ignore them). */
async function checkOptions(command: AnyCommand, args: readonly string[]): Promise<void> {
  const definitions = (command.args ? await resolve(command.args) : {}) as ArgsDef;
  const known = new Map<string, string | undefined>();
  for (const [name, definition] of Object.entries(definitions)) {
    const alias = (definition as { alias?: string | string[] }).alias;
    const aliases = definition.type === 'positional' ? [] : [alias ?? []].flat();
    for (const key of [name, kebab(name), ...aliases]) known.set(key, definition.type);
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') continue;
    const name = arg.replace(/^--?/, '').split('=')[0];
    const plain = name.startsWith('no-') && !known.has(name) ? name.slice(3) : name;
    if (!known.has(plain)) throw new UsageError(`unknown option ${arg.split('=')[0]}`);
    const type = known.get(plain);
    if ((type === 'string' || type === 'enum') && !arg.includes('=')) i++;
  }
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
