export { type ErrorJson, EXIT_CODES, errorToJson, exitCodeFor, formatError, UsageError } from './errors';
export { choiceFlag, integerFlag, parseAssignments, repeatedFlag } from './flags';
export { exitQuietlyOnClosedStdout, printJson, printLines, printNote } from './json';
export { createProgressBar, type ProgressBar, type ProgressMode } from './progress-bar';
export { runCli } from './run-cli';
