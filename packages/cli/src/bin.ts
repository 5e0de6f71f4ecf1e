#!/usr/bin/env node
import './output/plain-when-piped';
import { main } from './main';
import { runCli } from './output/run-cli';

// node:sqlite (the embedded store) prints an ExperimentalWarning on every run; it says nothing to a CLI user.
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
  if (String(warning).includes('SQLite is an experimental feature')) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;

process.exitCode = await runCli(main, process.argv.slice(2));
