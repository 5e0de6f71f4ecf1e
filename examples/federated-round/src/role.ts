/**
 * One role of the example in its own process: `role.ts '<json config>'`. Prints one JSON line per
 * event on stdout; main.ts reads them and shows the progress.
 */
import {
  type Credentials,
  createMlpTrainer,
  type FederationPlan,
  panelRegressionData,
  runFederatedClient,
  startCoordinator,
  startKeyholder,
} from '@shoppilot/federated';
import { MODEL_OPTIONS, warehousePanel } from './warehouse-data';

export interface RoleConfig {
  role: 'coordinator' | 'keyholder' | 'client';
  plan: FederationPlan;
  port?: number;
  coordinator: Credentials;
  clients: Credentials[];
  credentials?: Credentials;
  coordinatorUrl?: string;
  keyholderUrl?: string;
  warehouse?: number;
}

const say = (event: object) => process.stdout.write(`${JSON.stringify(event)}\n`);

async function main(config: RoleConfig): Promise<void> {
  if (config.role === 'keyholder') {
    const keyholder = await startKeyholder({
      coordinator: config.coordinator,
      ckks: config.plan.ckks,
      port: config.port,
      onEvent: say,
    });
    process.once('SIGTERM', () => void keyholder.close().then(() => process.exit(0)));
    return;
  }
  if (config.role === 'coordinator') {
    const coordinator = await startCoordinator({
      plan: config.plan,
      clients: config.clients,
      port: config.port,
      storage: 'memory:',
      livenessMs: 5000,
      pollTimeoutMs: 3000,
      keyholder: config.keyholderUrl
        ? { url: config.keyholderUrl, credentials: config.coordinator }
        : undefined,
      onEvent: say,
    });
    const result = await coordinator.done;
    await coordinator.drained(15_000);
    await coordinator.close();
    say({ type: 'result', status: result.status, lastCompletedRound: result.lastCompletedRound });
    return;
  }
  const panel = warehousePanel(config.warehouse ?? 0);
  const { train, validation } = panelRegressionData(panel, MODEL_OPTIONS);
  const trainer = createMlpTrainer(
    train,
    { hidden: [16], learningRate: 0.003, batchSize: 64, seed: 7 },
    validation,
  );
  const result = await runFederatedClient({
    coordinatorUrl: config.coordinatorUrl!,
    keyholderUrl: config.keyholderUrl,
    credentials: config.credentials!,
    trainer,
    onEvent: (event) => say({ ...event, client: config.credentials!.id }),
  });
  say({
    type: 'client-result',
    client: config.credentials!.id,
    status: result.status,
    metrics: result.metrics,
    bytes: result.bytes,
  });
}

main(JSON.parse(process.argv[2] ?? '{}') as RoleConfig).catch((error) => {
  say({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
