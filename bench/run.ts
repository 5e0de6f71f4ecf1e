/**
 * `pnpm bench [suite ...] [--data-dir DIR] [--quick]`: runs benchmark suites and writes each
 * suite's tables to bench/results/<suite>.md. With no suite names it runs them all.
 */
import { parseArgs } from 'node:util';
import { type BenchSuite, resolveDataDir, writeResult } from './harness';
import { suites } from './suites/index';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    quick: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  },
});

if (values.list) {
  for (const suite of suites) console.log(`${suite.name.padEnd(22)} ${suite.description}`);
  process.exit(0);
}

const selected: BenchSuite[] = positionals.length ? positionals.map(findSuite) : suites;
const context = {
  dataDir: resolveDataDir(values['data-dir']),
  quick: values.quick ?? false,
  log: (line: string) => console.log(line),
};
if (!context.dataDir) console.log('note: no data directory found; suites that need real data will say so.');

let failed = 0;
for (const suite of selected) {
  console.log(`\n## ${suite.name}: ${suite.description}\n`);
  try {
    const output = await suite.run(context);
    console.log(typeof output === 'string' ? output : output.markdown);
    console.log(`\n(written to ${writeResult(suite.name, output)})`);
  } catch (error) {
    failed++;
    console.error(`suite ${suite.name} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);

function findSuite(name: string): BenchSuite {
  const suite = suites.find((s) => s.name === name);
  if (!suite) {
    console.error(`unknown suite "${name}"; known: ${suites.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  return suite;
}
