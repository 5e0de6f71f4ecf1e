import { defineCommand } from 'citty';
import { choiceFlag, printJson, printLines, UsageError } from '../../output/index';
import { formatIngestReport, ingestEvents } from './ingest';
import { readerArgs, readOptionsFromFlags } from './read-options';

export const ingestCommand = defineCommand({
  meta: {
    name: 'ingest',
    description:
      'Stream a CSV/JSONL file of behaviour events into a store, counting accepted and rejected rows.',
  },
  args: {
    input: {
      type: 'string',
      description: 'Events file: .csv, .tsv, .jsonl, .ndjson, optionally .gz',
      required: true,
    },
    store: {
      type: 'string',
      description: 'Store URL: memory:, sqlite:./shop.db, postgres://… (default: $SHOPPILOT_STORE)',
    },
    kind: { type: 'string', description: 'What the file holds: events', default: 'events' },
    ...readerArgs,
    load: {
      type: 'string',
      description:
        'auto (default: bulk load into an empty SQLite/PostgreSQL store, append otherwise), bulk, append',
      default: 'auto',
    },
    'dry-run': { type: 'boolean', description: 'Read and validate only; write nothing' },
    progress: {
      type: 'string',
      description: 'Progress bar on stderr: auto (when a terminal), always, never',
      default: 'auto',
    },
    json: { type: 'boolean', description: 'Print the summary as JSON' },
  },
  async run({ args, rawArgs }) {
    choiceFlag(args.kind, 'kind', ['events'] as const);
    const store = args.store || process.env.SHOPPILOT_STORE;
    const dryRun = args['dry-run'] === true;
    if (!store && !dryRun) throw new UsageError('--store is required (or $SHOPPILOT_STORE, or --dry-run)');
    const controller = new AbortController();
    const onSigint = () => controller.abort(new Error('interrupted'));
    process.once('SIGINT', onSigint);
    try {
      const report = await ingestEvents({
        input: args.input,
        store,
        dryRun,
        read: readOptionsFromFlags(args, rawArgs),
        load: choiceFlag(args.load, 'load', ['auto', 'bulk', 'append'] as const) ?? 'auto',
        progress: choiceFlag(args.progress, 'progress', ['auto', 'always', 'never'] as const) ?? 'auto',
        signal: controller.signal,
      });
      if (args.json) printJson(report);
      else printLines(...formatIngestReport(report));
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
});
