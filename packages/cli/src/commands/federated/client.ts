import { writeFile } from 'node:fs/promises';
import {
  type ClientEvent,
  createLstmTrainer,
  createMlpTrainer,
  createRidgeProximalTrainer,
  createRidgeStatisticsTrainer,
  type FederatedRidgeOptions,
  type FederatedTrainer,
  type LstmTrainer,
  type LstmTrainerOptions,
  type MlpTrainerOptions,
  panelRegressionData,
  type RidgeTrainer,
  runFederatedClient,
} from '@shoppilot/federated';
import type { Panel } from '@shoppilot/forecast';
import { defineCommand } from 'citty';
import { choiceFlag, printJson, printNote, repeatedFlag } from '../../output/index';
import { clientCredentials, readJson } from './credentials-file';
import { readClientPanel } from './read-client-data';

const MODELS = ['ridge', 'ridge-prox', 'mlp', 'lstm'] as const;

export const clientCommand = defineCommand({
  meta: {
    name: 'client',
    description: "Run a client on this site's own data: train locally, send only (encrypted) updates",
  },
  args: {
    coordinator: { type: 'string', description: 'Coordinator URL', default: 'http://127.0.0.1:7300' },
    keyholder: {
      type: 'string',
      description: 'Key holder URL (CKKS plans)',
      default: 'http://127.0.0.1:7301',
    },
    id: { type: 'string', description: 'This client id', required: true },
    token: { type: 'string', description: 'This client token (or SHOPPILOT_FEDERATED_TOKEN, or --tokens)' },
    tokens: { type: 'string', description: 'tokens.json to read this client token from' },
    data: {
      type: 'string',
      description: 'Demand history, CSV or JSONL, one row per series and period',
      required: true,
    },
    'id-columns': { type: 'string', description: 'Series id column(s), comma separated', required: true },
    time: { type: 'string', description: 'Time column (ISO dates or period numbers)', required: true },
    target: { type: 'string', description: 'Target column', required: true },
    future: { type: 'string', description: 'Future-known covariates, comma separated' },
    past: { type: 'string', description: 'Past-only covariates, comma separated' },
    static: { type: 'string', description: 'Static covariates, comma separated' },
    frequency: { type: 'string', description: 'day, week, month…', default: 'week' },
    model: {
      type: 'string',
      description:
        'ridge (exact sufficient statistics, plan strategy sum), ridge-prox (FedAvg/FedProx), mlp, lstm (forecast LSTM+Attention, FedAvg/FedProx)',
      default: 'ridge',
    },
    'model-options': {
      type: 'string',
      description:
        'JSON file of model options (ridge: RidgeOptions + slopeLevels; mlp: hidden, learningRate…; lstm: LstmTrainerOptions)',
    },
    out: {
      type: 'string',
      description: 'Write the final federated forecaster (ridge and lstm models) as JSON here',
    },
    json: { type: 'boolean', description: 'Events as JSON lines, then the result as JSON', default: false },
  },
  async run({ args, rawArgs }) {
    const model = choiceFlag(args.model, 'model', MODELS) ?? 'ridge';
    const panel = await readClientPanel(args.data, {
      ids: repeatedFlag(rawArgs, 'id-columns'),
      time: args.time,
      target: args.target,
      future: repeatedFlag(rawArgs, 'future'),
      past: repeatedFlag(rawArgs, 'past'),
      static: repeatedFlag(rawArgs, 'static'),
      frequency: args.frequency,
    });
    const options = args['model-options']
      ? await readJson<Record<string, unknown>>(args['model-options'], '--model-options')
      : {};
    const trainer = await createTrainer(model, panel, options);
    const result = await runFederatedClient({
      coordinatorUrl: args.coordinator,
      keyholderUrl: args.keyholder,
      credentials: await clientCredentials(args.id, args.token, args.tokens),
      trainer,
      onEvent: (event) =>
        args.json ? process.stdout.write(`${JSON.stringify(event)}\n`) : note(args.id, event),
    });
    if (args.out && result.global && 'forecaster' in trainer) {
      const forecaster = (trainer as RidgeTrainer | LstmTrainer).forecaster(result.global);
      await writeFile(args.out, JSON.stringify(forecaster.toJSON()));
    }
    const summary = {
      status: result.status,
      lastCompletedRound: result.lastCompletedRound,
      contributed: result.contributed,
      metrics: result.metrics,
      bytes: result.bytes,
      model: args.out,
    };
    if (args.json) printJson(summary);
    else
      printNote(
        `${args.id}: ${result.status}, contributed to rounds ${result.contributed.join(', ') || 'none'}; ${JSON.stringify(result.metrics)}`,
      );
    if (result.status !== 'completed') process.exitCode = 1;
  },
});

async function createTrainer(
  model: (typeof MODELS)[number],
  panel: Panel,
  options: Record<string, unknown>,
): Promise<FederatedTrainer> {
  if (model === 'ridge') return createRidgeStatisticsTrainer(panel, options as FederatedRidgeOptions);
  if (model === 'ridge-prox') return createRidgeProximalTrainer(panel, options as FederatedRidgeOptions);
  if (model === 'lstm') return createLstmTrainer(panel, options as LstmTrainerOptions);
  const { train, validation } = panelRegressionData(panel, options as FederatedRidgeOptions);
  return createMlpTrainer(train, options as MlpTrainerOptions, validation);
}

function note(id: string, event: ClientEvent): void {
  if (event.type === 'update-sent') printNote(`${id}: round ${event.round} update sent (${event.bytes} B)`);
  else if (event.type === 'update-refused' || event.type === 'skipped')
    printNote(`${id}: round ${event.round} ${event.type} (${event.reason})`);
  else if (event.type === 'retry') printNote(`${id}: retrying in ${event.delayMs} ms (${event.reason})`);
}
