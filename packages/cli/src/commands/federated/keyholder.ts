import { startKeyholder } from '@shoppilot/federated';
import { defineCommand } from 'citty';
import { printJson, printNote } from '../../output/index';
import { portFlag, readCredentials, readPlan } from './credentials-file';

export const keyholderCommand = defineCommand({
  meta: {
    name: 'keyholder',
    description:
      'Run the CKKS key holder: publishes the public key, decrypts only aggregates the coordinator signs',
  },
  args: {
    tokens: {
      type: 'string',
      description: 'tokens.json (only the coordinator entry is read)',
      required: true,
    },
    plan: { type: 'string', description: 'Federation plan JSON (its ckks parameters)' },
    host: { type: 'string', description: 'Listen address', default: '127.0.0.1' },
    port: { type: 'string', description: 'Listen port (0 = any)', default: '7301' },
    storage: {
      type: 'string',
      description: 'Where refusals are logged (memory:, sqlite:FILE, postgres://…)',
      default: 'memory:',
    },
    json: { type: 'boolean', description: 'Events as JSON lines on stdout', default: false },
  },
  async run({ args }) {
    const credentials = await readCredentials(args.tokens);
    const plan = await readPlan(args.plan);
    const keyholder = await startKeyholder({
      coordinator: credentials.coordinator,
      ckks: plan.ckks,
      host: args.host,
      port: portFlag(args.port, 7301),
      storage: args.storage,
      onEvent: (event) =>
        args.json ? process.stdout.write(`${JSON.stringify(event)}\n`) : printNote(describe(event)),
    });
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await keyholder.close();
    if (args.json) printJson({ stopped: true, fingerprint: keyholder.fingerprint });
  },
});

function describe(event: { type: string } & Record<string, unknown>): string {
  if (event.type === 'listening') return `key holder on ${event.url}, public key sha256 ${event.fingerprint}`;
  if (event.type === 'decrypted')
    return `decrypted round ${event.round}: ${event.values} values from ${event.contributors} contributors`;
  return `refused: ${event.reason} (${event.message})`;
}
