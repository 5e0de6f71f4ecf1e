import { defineCommand } from 'citty';
import { printJson, printLines, repeatedFlag, UsageError } from '../../output/index';
import { writeCredentials } from './credentials-file';

export const tokensCommand = defineCommand({
  meta: {
    name: 'tokens',
    description: 'Create tokens.json: a secret token for the coordinator and for every client',
  },
  args: {
    clients: { type: 'string', description: 'Client ids, comma separated (e.g. w1,w2,w3)', required: true },
    out: { type: 'string', description: 'File to write (mode 600)', default: 'tokens.json' },
    json: { type: 'boolean', description: 'Print the ids written as JSON', default: false },
  },
  async run({ args, rawArgs }) {
    const ids = repeatedFlag(rawArgs, 'clients');
    if (ids.length === 0) throw new UsageError('--clients needs at least one id');
    if (new Set(ids).size !== ids.length) throw new UsageError('--clients has a repeated id');
    await writeCredentials(args.out, ids);
    if (args.json) return printJson({ file: args.out, coordinator: 'coordinator', clients: ids });
    printLines(
      `wrote ${args.out}: coordinator + ${ids.length} client token(s); give each client only its own token`,
    );
  },
});
