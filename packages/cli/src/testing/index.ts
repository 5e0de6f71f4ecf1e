export { type CliRun, parseJsonOutput, repoRoot, runShoppilot } from './run-shoppilot';
