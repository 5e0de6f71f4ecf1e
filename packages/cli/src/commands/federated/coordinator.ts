import { type CoordinatorEvent, type RoundLogEntry, startCoordinator } from '@shoppilot/federated';
import { defineCommand } from 'citty';
import { choiceFlag, createProgressBar, integerFlag, printJson, printNote } from '../../output/index';
import { portFlag, readCredentials, readPlan } from './credentials-file';

export const coordinatorCommand = defineCommand({
  meta: {
    name: 'coordinator',
    description:
      'Run the coordinator: rounds, (encrypted) aggregation, round log in storage; resumes after a restart',
  },
  args: {
    tokens: { type: 'string', description: 'tokens.json from `shoppilot federated tokens`', required: true },
    plan: {
      type: 'string',
      description: 'Federation plan JSON (rounds, strategy, secure, quorum, deadlines, ckks, privacy…)',
    },
    storage: {
      type: 'string',
      description: 'Round log and models: sqlite:FILE, postgres://… or memory:',
      default: 'sqlite:federated.db',
    },
    keyholder: {
      type: 'string',
      description: 'Key holder URL (secure ckks)',
      default: 'http://127.0.0.1:7301',
    },
    host: { type: 'string', description: 'Listen address', default: '127.0.0.1' },
    port: { type: 'string', description: 'Listen port (0 = any)', default: '7300' },
    liveness: {
      type: 'string',
      description: 'Milliseconds without contact after which a client is not selected',
      default: '30000',
    },
    progress: { type: 'string', description: 'Progress bar on stderr: auto, always, never', default: 'auto' },
    json: { type: 'boolean', description: 'Events as JSON lines, then the result as JSON', default: false },
  },
  async run({ args }) {
    const credentials = await readCredentials(args.tokens);
    const plan = await readPlan(args.plan);
    const bar = createProgressBar(
      'rounds',
      choiceFlag(args.progress, 'progress', ['auto', 'always', 'never'] as const),
    );
    const coordinator = await startCoordinator({
      plan,
      clients: credentials.clients,
      storage: args.storage,
      keyholder:
        (plan.secure ?? 'ckks') === 'ckks'
          ? { url: args.keyholder, credentials: credentials.coordinator }
          : undefined,
      host: args.host,
      port: portFlag(args.port, 7300),
      livenessMs: integerFlag(args.liveness, 'liveness'),
      onProgress: (event) => bar.update({ ...event, message: `round ${event.completed}/${event.total}` }),
      onEvent: (event) => (args.json ? process.stdout.write(`${JSON.stringify(event)}\n`) : note(event)),
    });
    const stop = () => void coordinator.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const result = await coordinator.done;
    bar.stop();
    await coordinator.drained(30_000);
    await coordinator.close();
    const summary = {
      status: result.status,
      lastCompletedRound: result.lastCompletedRound,
      rounds: result.rounds.map(roundSummary),
    };
    if (args.json) printJson(summary);
    else
      printNote(`run ${result.status} after ${result.lastCompletedRound} round(s); log in ${args.storage}`);
    if (result.status !== 'completed') process.exitCode = 1;
  },
});

export function roundSummary(entry: RoundLogEntry) {
  const up = Object.values(entry.bytes)
    .map((b) => b.up)
    .filter((b) => b > 0);
  return {
    round: entry.round,
    attempt: entry.attempt,
    status: entry.status,
    reason: entry.reason,
    contributors: entry.contributors.length,
    selected: entry.selected.length,
    dropped: entry.dropped,
    seconds: (entry.closedAt - entry.startedAt) / 1000,
    bytesUpPerClient: up.length ? Math.round(up.reduce((a, b) => a + b, 0) / up.length) : 0,
    metrics: entry.metrics,
    epsilon: entry.privacy?.epsilon,
  };
}

function note(event: CoordinatorEvent): void {
  if (event.type === 'listening') printNote(`coordinator on ${event.url}`);
  if (event.type === 'resumed') printNote(`resumed after round ${event.lastCompletedRound}`);
  if (event.type === 'client-joined') printNote(`client ${event.clientId} joined (${event.samples} samples)`);
  if (event.type === 'round-completed' || event.type === 'round-failed') {
    const s = roundSummary(event.entry);
    const metrics = Object.entries(s.metrics)
      .map(([k, v]) => `${k} ${v.toPrecision(4)}`)
      .join(', ');
    const dropped = s.dropped.length ? ` (dropped ${s.dropped.join(', ')})` : '';
    printNote(
      `round ${s.round}: ${s.status}${s.reason ? ` — ${s.reason}` : ''}, ${s.contributors}/${s.selected} updates${dropped} in ${s.seconds.toFixed(1)} s, ${s.bytesUpPerClient} B up per client${metrics ? `, ${metrics}` : ''}`,
    );
  }
  if (event.type === 'rejected')
    printNote(`refused ${event.clientId ?? '?'} on ${event.path}: ${event.reason}`);
}
